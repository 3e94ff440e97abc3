#pragma once
// `synth search`: runs a query file against its database and stores what it finds
// (DESIGN.md sections 4 and 6, docs/search.md). Every answer goes to the response cache
// before it is read. The records and one `searches` row are one transaction, written as
// the answers come (storing overlaps the rate limit's waits) and committed at the end, so
// a failed or killed search leaves the store as it was.
//
// Resuming: the PMIDs of a PubMed search are committed to the table search_result_sets
// as soon as esearch answers, before that transaction; a search run again after an
// interruption (kill -9, network down) reuses that list, so its efetch batches are the
// same requests and replay from the cache. A completed search marks its result set with
// the id of its `searches` row. A Crossref search resumes from its cached pages (see
// crossref.hpp for cursors that expired meanwhile).
#include "synth/core/project.hpp"
#include "synth/net/cache.hpp"
#include "synth/query/query_file.hpp"
#include "synth/store/store.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace synth::sources {

struct SearchOptions
{
  net::CacheMode cache_mode = net::CacheMode::normal; // --offline / --refresh
  bool count_only = false;                            // --count-only
  int batch_size = 500;                               // --batch-size (efetch ids per POST)
  int crossref_rows = 1000;                           // --rows (Crossref items per page)
  std::string pubmed_url;                             // SYNTH_PUBMED_URL
  std::string crossref_url;                           // SYNTH_CROSSREF_URL
  std::string openalex_url;                           // SYNTH_OPENALEX_URL
  std::string openalex_api_key;                       // OPENALEX_API_KEY
  std::size_t openalex_max_search = 3000;             // SYNTH_OPENALEX_MAX_SEARCH: characters of one search string
  int openalex_per_page = 200;                        // SYNTH_OPENALEX_PER_PAGE (tests of paging)
  std::string api_key;                                // NCBI_API_KEY
  std::string email;                                  // SYNTH_EMAIL
  int esearch_max = 10000;                            // SYNTH_ESEARCH_RETMAX (tests of date slicing only)
  net::HttpOptions http;                              // SYNTH_HTTP_TIMEOUT, SYNTH_RETRIES, SYNTH_RETRY_BASE_MS ...
  // Progress of long fetches (done, total); the command shows it when stderr is a tty.
  std::function<void(const std::string& what, std::int64_t done, std::int64_t total)> progress;
  // Retries as they happen (attempt, delay, reason), for -v.
  std::function<void(int, std::chrono::milliseconds, const std::string&)> on_retry;
  // Each request served (as net::describe shows it: secrets removed), and whether it came
  // from the cache, for -v.
  std::function<void(const std::string& request, bool from_cache)> on_request;
};

// Defaults plus the environment variables named above.
SearchOptions search_options_from_env();

struct SearchOutcome
{
  store::SearchRun run; // as stored (count-only: not stored)
  bool stored = false;
  int network_requests = 0;
  int cache_hits = 0;
  int retries = 0;
  int rate_limited = 0;
  std::vector<std::string> warnings;
};

// Fills the query fields of a searches row from a query file: database (PubMed, Crossref
// or the name as written), query_file, query_text verbatim, query_sent (the PubMed term,
// the Crossref parameters, or for hand-run strategies the strategy verbatim, in its own
// platform's syntax).
// `synth import --query FILE` uses it to log the execution of a hand-run strategy.
void describe_query(const query::QueryFile& query, store::SearchRun& run);

// Throws synth::Error when synth cannot run `query` itself (a database without API: run
// by hand, then `synth import --query`; a Crossref strategy without a text term). run_search() checks it too; commands
// check every file first, so that nothing is sent when one of them cannot run.
void require_api(const query::QueryFile& query);

// Runs the search of `query` and stores its records (see the file comment). The
// checker's findings on the file (warnings: a file with errors is not run) are kept in
// the searches row's details. Throws
// synth::Error for a database without API ("run by hand, then import"), network failures
// after the retries, a cache miss with --offline, and unusable answers.
SearchOutcome run_search(store::Store& store, const Project& project, const query::QueryFile& query,
                         const SearchOptions& options);

// The search module's tables (search_result_sets); run_search calls it.
void migrate_search_tables(store::Store& store);

} // namespace synth::sources
