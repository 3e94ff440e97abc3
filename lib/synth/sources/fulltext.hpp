#pragma once
// Full-text availability in Unpaywall (`synth fulltext`, docs/fulltext.md).
//
// For each record sought for retrieval (store::records_sought: the records that reached
// full-text screening), GET {base}/v2/{doi}?email=EMAIL. What is recorded per record
// (store/fulltext.hpp): found (open access or not, oa_status, the best OA location's URL,
// PDF URL, licence, host type and version), "not found" (a 404: Unpaywall does not know
// the DOI) or "not checked" (the record has no DOI: nothing is asked, and the record is not
// "not retrieved"). The date of the check is kept. Records already found or not found are
// skipped unless `refresh`; every answer goes through the project's response cache (offline
// replay); each record's row is committed as soon as it is known, so an interrupted run
// resumes where it stopped.
#include "synth/core/project.hpp"
#include "synth/net/cache.hpp"
#include "synth/store/store.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace synth::sources {

struct FulltextOptions
{
  std::string unpaywall_url; // SYNTH_UNPAYWALL_URL, default https://api.unpaywall.org
  std::string email;         // SYNTH_EMAIL: required by Unpaywall
  net::CacheMode cache_mode = net::CacheMode::normal;
  bool refresh = false; // check again the records already checked
  net::HttpOptions http;
  std::function<void(const std::string& request, bool from_cache)> on_request;
  std::function<void(int, std::chrono::milliseconds, const std::string&)> on_retry;
};

// Defaults plus SYNTH_UNPAYWALL_URL, SYNTH_EMAIL and the HTTP settings.
FulltextOptions fulltext_options_from_env();

struct FulltextOutcome
{
  std::int64_t sought = 0;      // records sought for retrieval
  std::int64_t checked = 0;     // looked up in this run
  std::int64_t skipped = 0;     // already checked before (not asked again)
  std::int64_t open_access = 0; // of all sought: found and is_oa
  std::int64_t closed = 0;      // found, not open access
  std::int64_t not_found = 0;   // Unpaywall answered 404
  std::int64_t not_checked = 0; // no DOI
  int network_requests = 0;
  int cache_hits = 0;
};

// Runs the lookups (see the file comment). Throws synth::Error without an email (Unpaywall
// requires one), before synth screen has run, for network failures after the retries
// (the rows written so far stay), a cache miss with --offline and an answer that is not
// Unpaywall's.
FulltextOutcome run_fulltext(store::Store& store, const Project& project, const FulltextOptions& options);

} // namespace synth::sources
