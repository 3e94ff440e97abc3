#pragma once
// The response cache of a project (cache/ folder): one body file per request plus a JSON
// sidecar describing the request (secrets removed), its status and when it was fetched.
//
// Key: 32 hex digits hashing method, URL (or Request::cache_name), the sorted parameters
// (query or form body) without api_key, email, tool and mailto, and Request::key_params,
// so a cache made by one user replays for another and never holds a secret.
// Files: cache/<key>.json (sidecar) then cache/<key>.body, each written to a temporary
// file and renamed, the body last: an entry exists when its body does, and a process
// killed mid-write leaves at worst a stray temporary file, never a half body.
#include "synth/core/error.hpp"
#include "synth/net/http.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace synth::net {

enum class CacheMode {
  normal,  // use a cached answer when there is one, else fetch and cache
  offline, // only cached answers; a miss is an error
  refresh  // always fetch (and overwrite the cache)
};

std::string cache_key(const Request& request);

class ResponseCache
{
public:
  explicit ResponseCache(std::filesystem::path dir);

  std::filesystem::path body_path(const Request& request) const;
  std::optional<std::string> get(const Request& request) const;
  // Writes the body atomically (and its sidecar); returns the body's path.
  std::filesystem::path put(const Request& request, const Response& response) const;
  void remove(const Request& request) const;
  const std::filesystem::path& dir() const { return m_dir; }

private:
  std::filesystem::path m_dir;
};

// What a Fetcher gave for one request.
struct Fetched
{
  std::string body;
  std::filesystem::path file; // cache file holding the body
  bool from_cache = false;
};

// A non-2xx answer that survived the retries (what() names the request and quotes the
// server, secrets removed).
class HttpStatusError : public Error
{
public:
  HttpStatusError(const std::string& message, long status, std::string body)
    : Error(message), m_status(status), m_body(std::move(body))
  {
  }
  long status() const { return m_status; }
  const std::string& body() const { return m_body; }

private:
  long m_status;
  std::string m_body;
};

// Cache in front of an HttpClient. Non-2xx answers that survive the retries become an
// HttpStatusError; they are never cached.
class Fetcher
{
public:
  Fetcher(ResponseCache& cache, HttpClient* client, CacheMode mode);

  // `limiter` is acquired only when the network is used. `fresh`: fetch even when cached
  // (as CacheMode::refresh, for this request only; offline it changes nothing). `on_response`
  // (optional) sees every network response (headers), e.g. to adapt the rate limit;
  // `on_fetch` (optional) sees each request served, with whether it came from the cache.
  Fetched get(const Request& request, RateLimiter* limiter = nullptr, bool fresh = false);
  // Drops a cached answer that turned out to be unusable, so the next get() fetches again.
  void invalidate(const Request& request);
  CacheMode mode() const { return m_mode; }
  int network_requests() const { return m_network; }
  int cache_hits() const { return m_hits; }
  std::function<void(const Response&)> on_response;
  std::function<void(const Request&, bool from_cache)> on_fetch;

private:
  ResponseCache& m_cache;
  HttpClient* m_client;
  CacheMode m_mode;
  int m_network = 0;
  int m_hits = 0;
};

} // namespace synth::net
