#pragma once
// OpenAlex API (docs/openalex.md): /works with filter= and cursor paging (cursor=* then
// meta.next_cursor until it is null; per_page at most 200). One request at a time through
// the project's Fetcher (cache, retries, rate limiter).
//
// Identity and limits: api_key from OPENALEX_API_KEY and mailto from SYNTH_EMAIL go as
// parameters that net:: keeps out of cache keys, logs and messages. The process-wide
// limiter "openalex" allows 9 requests a second (OpenAlex allows 10). The rate headers
// (x-ratelimit-limit / -remaining / -reset) are kept for the search log; a 429 whose
// x-ratelimit-remaining is 0 is the day's budget spent: not retried (net::HttpClient),
// it stops with a message saying when the budget resets (the pages fetched so far are
// cached, so the same command resumes). A 401 stops with a message about the API key.
//
// OpenAlex's cursors are positions, not scrolls: the same cursor gives the same page, so a
// page is cached under its request and a killed run replays the pages it had.
#include "synth/formats/openalex_json.hpp"
#include "synth/net/cache.hpp"

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace synth::sources {

struct OpenAlexOptions
{
  std::string base_url = "https://api.openalex.org"; // SYNTH_OPENALEX_URL
  std::string api_key;                               // OPENALEX_API_KEY
  std::string mailto;                                // SYNTH_EMAIL
  int per_page = 200;                                // works per page (max 200)
  int max_pages = 100000;                            // safety stop
  net::RateLimiter* limiter = nullptr;               // nullptr: the process-wide one
};

struct OpenAlexResult
{
  std::int64_t count = 0;     // meta.count of the first page
  std::int64_t retrieved = 0; // works passed to the sink
  std::int64_t repeated = 0;  // works already passed (another page or filter)
  int pages = 0;
};

class OpenAlex
{
public:
  // Watches the fetcher's responses (rate headers) until destroyed.
  OpenAlex(net::Fetcher& fetcher, OpenAlexOptions options);
  ~OpenAlex();
  OpenAlex(const OpenAlex&) = delete;
  OpenAlex& operator=(const OpenAlex&) = delete;

  // Every page of /works?filter=FILTER, calling `sink` once per work id not yet in `seen`
  // (which it fills). `on_page(retrieved, count)` reports progress.
  OpenAlexResult works(const std::string& filter, std::set<std::string>& seen,
                       const std::function<void(formats::OpenAlexWork&&)>& sink,
                       const std::function<void(std::int64_t, std::int64_t)>& on_page = {});

  // meta.count for the filter (one request, per_page=1).
  std::int64_t count(const std::string& filter);

  // The last rate headers seen ("limit=100000 remaining=99990 reset=40000"), for the log.
  const std::string& rate_limit() const { return m_rate_limit; }
  net::RateLimiter& limiter() { return *m_limiter; }

  // The request of one page (public for the search log and tests).
  net::Request request(const std::string& filter, int per_page, const std::string* cursor) const;

private:
  formats::OpenAlexPage read_page(const net::Request& request,
                                  const std::function<void(formats::OpenAlexWork&&)>& sink);

  net::Fetcher& m_fetcher;
  OpenAlexOptions m_options;
  net::RateLimiter* m_limiter;
  std::string m_rate_limit;
  std::string m_reset;
};

// OpenAlex's filter values are OR-ed with '|', at most 100 of them in one filter.
constexpr std::size_t k_openalex_max_or = 100;

} // namespace synth::sources
