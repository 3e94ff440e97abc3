#pragma once
// Crossref REST API (DESIGN.md section 6): /works with query.bibliographic and filter,
// cursor deep paging (cursor=* then next-cursor), rows per page, mailto for the polite
// pool; the rate limit follows x-rate-limit-limit / x-rate-limit-interval.
#include "synth/core/record.hpp"
#include "synth/net/cache.hpp"

#include <cstdint>
#include <functional>
#include <string>

namespace synth::sources {

struct CrossrefOptions
{
  std::string base_url = "https://api.crossref.org/"; // SYNTH_CROSSREF_URL
  std::string mailto;                                 // SYNTH_EMAIL
  int rows = 1000;                                    // items per page (max 1000)
  int max_pages = 100000;                             // safety stop
};

struct CrossrefResult
{
  std::int64_t total_results = 0; // message.total-results of the first page
  std::int64_t retrieved = 0;
  int pages = 0;
};

class Crossref
{
public:
  Crossref(net::Fetcher& fetcher, CrossrefOptions options);

  // Pages through /works for the query and filter, calling `sink` per work. Stops at a
  // page with fewer items than rows, or without next-cursor. A page that does not parse
  // is fetched once more; `on_page(retrieved, total)` reports progress.
  CrossrefResult works(const std::string& bibliographic, const std::string& filter,
                       const std::function<void(Record&&)>& sink,
                       const std::function<void(std::int64_t, std::int64_t)>& on_page = {});

  // The exact request parameters that identify the search (for the search log).
  static std::string describe_query(const std::string& bibliographic, const std::string& filter);

private:
  net::Fetcher& m_fetcher;
  CrossrefOptions m_options;
  net::RateLimiter* m_limiter;
};

} // namespace synth::sources
