#pragma once
// Citation chasing in OpenAlex (`synth chase`, docs/openalex.md).
//
// Seeds (the included studies, or records read from a file) are resolved to OpenAlex
// works by DOI (filter doi:, OR-ed in batches), then PMID (ids.pmid:), then title
// (title.search:, the work whose folded title equals the seed's). Backward: the works in
// the seeds' referenced_works, fetched by id (openalex: filter, 100 ids a request);
// forward: the works citing them (cites: filter, 100 seeds OR-ed a request). Each work
// found is stored once, as source "Citation searching" (source_id: its OpenAlex id), with
// a provenance row per seed and direction (store/chase.hpp); one `searches` row (kind
// "search", database "Citation searching", details.method "citation chase") logs the run, with prisma_group "citations"
// so that PRISMA counts the records in the other-methods column. The works and the searches row are one transaction.
//
// What cannot be done is listed, never hidden: seeds OpenAlex cannot resolve; seeds whose
// referenced_works list is empty (flagged: OpenAlex lists no references for them, which is
// not the same as having none); references OpenAlex does not return (their ids).
#include "synth/core/project.hpp"
#include "synth/core/record.hpp"
#include "synth/net/cache.hpp"
#include "synth/store/store.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace synth::sources {

struct ChaseOptions
{
  bool backward = true;
  bool forward = true;
  int depth = 1;                 // 1: the seeds' own references and citations
  std::string from = "included"; // for the log: "included" or the file named
  net::CacheMode cache_mode = net::CacheMode::normal;
  std::string openalex_url; // SYNTH_OPENALEX_URL
  std::string api_key;      // OPENALEX_API_KEY
  std::string email;        // SYNTH_EMAIL
  net::HttpOptions http;
  std::function<void(const std::string& request, bool from_cache)> on_request;
  std::function<void(int, std::chrono::milliseconds, const std::string&)> on_retry;
};

// Defaults plus SYNTH_OPENALEX_URL, OPENALEX_API_KEY, SYNTH_EMAIL and the HTTP settings.
ChaseOptions chase_options_from_env();

struct ChaseOutcome
{
  store::SearchRun run;
  std::int64_t seeds = 0;
  std::int64_t resolved = 0;
  std::vector<std::string> unresolved;         // seeds OpenAlex could not resolve (as labelled)
  std::vector<std::string> no_references;      // resolved seeds with no references listed
  std::int64_t references_listed = 0;          // distinct ids in the seeds' referenced_works
  std::vector<std::string> references_missing; // of those, ids OpenAlex did not return
  std::int64_t backward = 0;                   // distinct works found backward
  std::int64_t forward = 0;                    // distinct works found forward
  std::int64_t links = 0;                      // provenance rows (seed, direction) written
  int network_requests = 0;
  int cache_hits = 0;
};

// How a seed is named in messages and provenance: "W123", else "doi:10.1/x", "pmid:1", or
// the title's first words.
std::string seed_label(const Record& seed);

// Runs the chase from `seeds` and stores what it finds (see the file comment). Throws
// synth::Error for network failures after the retries, a cache miss with --offline, 401
// and a spent daily budget (nothing stored then).
ChaseOutcome run_chase(store::Store& store, const Project& project, const std::vector<Record>& seeds,
                       const ChaseOptions& options);

} // namespace synth::sources
