#pragma once
// HTTP requests over libcurl with timeouts, retries (exponential backoff with jitter) and
// Retry-After. The transport (one attempt) is an interface so the retry logic is tested
// with a fake transport and a FakeClock; CurlTransport is the real one.
//
// Environment (read by HttpOptions::from_env):
//   SYNTH_HTTP_TIMEOUT       total timeout of one attempt, seconds (default 60)
//   SYNTH_CONNECT_TIMEOUT    connect timeout, seconds (default 15)
//   SYNTH_RETRIES            attempts after the first one (default 5)
//   SYNTH_RETRY_BASE_MS      first backoff delay in ms, doubled per attempt (default 1000)
//   SYNTH_RETRY_MAX_MS       ceiling of one backoff delay and of Retry-After (default 60000)
#include "synth/net/clock.hpp"
#include "synth/net/rate_limiter.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace synth::net {

using Params = std::vector<std::pair<std::string, std::string>>;

struct Request
{
  std::string method = "GET"; // GET | POST (params as application/x-www-form-urlencoded body)
  std::string url;            // without query string
  Params params;
  // What the cache key uses instead of url when set (e.g. "pubmed/esearch.fcgi"), so a
  // cache replays whatever base URL (SYNTH_PUBMED_URL ...) it was made with.
  std::string cache_name;
  // Parts of the cache key that are never sent. Crossref's next-cursor often stays the
  // same from one page to the next (it is a scroll id, not a position), so two pages of
  // one chain are the same request: the page number tells their answers apart.
  Params key_params;
};

struct Response
{
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers; // names lower case
  std::string header(const std::string& name) const;
};

// What one attempt gave: a response, or a transport failure.
struct Attempt
{
  enum class Failure { none, connect, timeout, truncated, other };
  Failure failure = Failure::none;
  std::string error; // libcurl's message when failure != none
  Response response;
};

class Transport
{
public:
  virtual ~Transport() = default;
  virtual Attempt perform(const Request& request) = 0;
};

struct HttpOptions
{
  std::chrono::milliseconds connect_timeout{15000};
  std::chrono::milliseconds timeout{60000};
  int retries = 5;
  std::chrono::milliseconds retry_base{1000};
  std::chrono::milliseconds retry_max{60000};
  std::string user_agent; // default: "synth/<version> (+https://github.com/synth; mailto:EMAIL)"
  static HttpOptions from_env();
};

// The real transport (libcurl easy handle, reused). Accepts gzip; checks Content-Length.
class CurlTransport : public Transport
{
public:
  explicit CurlTransport(const HttpOptions& options);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;
  Attempt perform(const Request& request) override;

private:
  HttpOptions m_options;
  void* m_curl = nullptr;
};

// Percent-encodes for URLs and form bodies (RFC 3986 unreserved kept).
std::string url_encode(std::string_view s);
std::string encode_params(const Params& params);
// The request as a user reads it in messages: URL + params, values not percent-encoded,
// cut after 300 characters, with api_key/email/tool/mailto removed.
std::string describe(const Request& request);
// True for the parameters that never go to logs, cache keys or messages.
bool is_secret_param(std::string_view name);
// `text` with the value of every secret parameter of `request` replaced by "***": for
// messages that quote what a server answered (a server may echo the request).
std::string redact(std::string text, const Request& request);

// Counters of what an HttpClient did (for tests, logs and benchmarks).
struct HttpStats
{
  int requests = 0; // attempts sent
  int retries = 0;
  int rate_limited = 0; // 429 or NCBI rate-limit bodies received
};

class HttpClient
{
public:
  HttpClient(HttpOptions options, Transport& transport, Clock& clock = system_clock(), unsigned seed = 0);

  // Sends the request (after limiter->acquire() when given), retrying transport failures,
  // 429, 5xx and NCBI's rate-limit body with backoff. A 429 with x-ratelimit-remaining: 0
  // (a daily budget spent, as OpenAlex says it) is returned at once, not retried. Returns the first response that is
  // not retried (any status); throws synth::Error after the last attempt failed, naming
  // the request (secrets removed) and the reason.
  Response fetch(const Request& request, RateLimiter* limiter = nullptr);

  const HttpStats& stats() const { return m_stats; }
  const HttpOptions& options() const { return m_options; }
  // Called before each retry sleep with (attempt number, delay, reason); for progress/logs.
  std::function<void(int, std::chrono::milliseconds, const std::string&)> on_retry;

private:
  std::chrono::milliseconds backoff(int attempt);
  HttpOptions m_options;
  Transport& m_transport;
  Clock& m_clock;
  unsigned m_seed;
  HttpStats m_stats;
};

// True when a body is NCBI's {"error":"API rate limit exceeded"} answer.
bool is_ncbi_rate_limit_body(std::string_view body);
// Retry-After in seconds ("120") -> delay; HTTP dates and garbage -> nullopt-like -1.
long parse_retry_after_seconds(std::string_view value);

} // namespace synth::net
