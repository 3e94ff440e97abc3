#pragma once
// Crossref REST API (DESIGN.md section 6): /works with query.bibliographic and filter,
// cursor deep paging (cursor=* then next-cursor), rows per page, mailto for the polite
// pool; the rate limit follows x-rate-limit-limit / x-rate-limit-interval.
//
// Paging. Crossref's next-cursor is a scroll id: it often stays the same from page to
// page, so each page's cache key carries its page number (net::Request::key_params).
// A chain ends at a page shorter than `rows` (or without next-cursor). The cursor is a
// scroll: each request moves it on, and it expires after a few minutes. So the chain is
// restarted from cursor=* once, every page fetched afresh, when a cursor is refused (a
// 4xx on a page after the first: expired while resuming), or when a chain that used the
// network ended with fewer works than total-results (a retried or interrupted request
// may have moved the scroll past a page). Works are kept once per DOI across pages and
// restarts. A chain read wholly from the cache is replayed as it was.
//
// Concurrency: this client sends one request at a time, so any x-concurrency-limit (1 or
// more) is met; the value is reported for the search log.
#include "synth/core/record.hpp"
#include "synth/net/cache.hpp"

#include <cstdint>
#include <functional>
#include <set>
#include <string>

namespace synth::sources {

struct CrossrefOptions
{
  std::string base_url = "https://api.crossref.org/"; // SYNTH_CROSSREF_URL
  std::string mailto;                                 // SYNTH_EMAIL
  int rows = 1000;                                    // items per page (max 1000)
  int max_pages = 100000;                             // safety stop
  // The limiter to use; nullptr: the process-wide one (starts at 5 a second, then
  // follows the x-rate-limit-* headers).
  net::RateLimiter* limiter = nullptr;
};

struct CrossrefResult
{
  std::int64_t total_results = 0; // message.total-results of the first page
  std::int64_t retrieved = 0;     // distinct works (by DOI) passed to the sink
  std::int64_t repeated = 0;      // works seen again on a later page or after a restart
  int pages = 0;                  // pages read (cache or network)
  int restarts = 0;               // chains restarted after a refused cursor
  std::string rate_limit;         // last x-rate-limit-limit "/" x-rate-limit-interval seen
  std::string concurrency_limit;  // last x-concurrency-limit seen
  std::string warning;            // e.g. the chain ended before total_results
};

class Crossref
{
public:
  // Watches the fetcher's responses (rate-limit headers) until destroyed.
  Crossref(net::Fetcher& fetcher, CrossrefOptions options);
  ~Crossref();
  Crossref(const Crossref&) = delete;
  Crossref& operator=(const Crossref&) = delete;

  // Pages through /works for the query and filter, calling `sink` once per work (DOI).
  // A page that does not parse is fetched once more; `on_page(retrieved, total)`
  // reports progress.
  CrossrefResult works(const std::string& bibliographic, const std::string& filter,
                       const std::function<void(Record&&)>& sink,
                       const std::function<void(std::int64_t, std::int64_t)>& on_page = {});

  // total-results of the query and filter, from one request with rows=0 (no items).
  std::int64_t count(const std::string& bibliographic, const std::string& filter);

  // The parameters that identify the search, as a librarian reads them (not
  // percent-encoded): "query.bibliographic=...&filter=...". For the search log.
  static std::string describe_query(const std::string& bibliographic, const std::string& filter);

  net::RateLimiter& limiter() { return *m_limiter; }

private:
  struct Page;
  net::Request request(const std::string& bibliographic, const std::string& filter, int rows, const std::string* cursor,
                       int page) const;
  Page read_page(const net::Request& request, bool fresh);
  // One pass over the chain from cursor=*; false when a cursor was refused.
  bool chain(const std::string& bibliographic, const std::string& filter, bool fresh, CrossrefResult& out,
             std::set<std::string>& seen, const std::function<void(Record&&)>& sink,
             const std::function<void(std::int64_t, std::int64_t)>& on_page);

  net::Fetcher& m_fetcher;
  CrossrefOptions m_options;
  net::RateLimiter* m_limiter;
  std::string m_rate_limit;
  std::string m_concurrency_limit;
};

} // namespace synth::sources
