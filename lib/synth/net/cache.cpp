#include "synth/net/cache.hpp"

#include "synth/core/error.hpp"
#include "synth/util/file_write.hpp"
#include "synth/util/wall_clock.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <random>
#include <unistd.h>

namespace synth::net {

namespace fs = std::filesystem;

namespace {

std::uint64_t fnv1a(std::string_view s, std::uint64_t h)
{
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

Params public_params(const Request& request)
{
  Params p;
  for (const auto& kv : request.params) {
    if (!is_secret_param(kv.first)) {
      p.push_back(kv);
    }
  }
  std::sort(p.begin(), p.end());
  return p;
}

} // namespace

std::string cache_key(const Request& request)
{
  const std::string& where = request.cache_name.empty() ? request.url : request.cache_name;
  std::string canon = request.method + "\n" + where + "\n" + encode_params(public_params(request));
  if (!request.key_params.empty()) {
    canon += "\n" + encode_params(request.key_params);
  }
  return fmt::format("{:016x}{:016x}", fnv1a(canon, 14695981039346656037ULL),
                     fnv1a(canon, 0x84222325cbf29ce4ULL ^ canon.size()));
}

ResponseCache::ResponseCache(fs::path dir) : m_dir(std::move(dir)) {}

fs::path ResponseCache::body_path(const Request& request) const { return m_dir / (cache_key(request) + ".body"); }

std::optional<std::string> ResponseCache::get(const Request& request) const
{
  std::ifstream in(body_path(request), std::ios::binary | std::ios::ate);
  if (!in) {
    return std::nullopt;
  }
  std::string body(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(body.data(), static_cast<std::streamsize>(body.size()));
  if (!in) {
    return std::nullopt; // vanished or unreadable: as if not cached
  }
  return body;
}

fs::path ResponseCache::put(const Request& request, const Response& response) const
{
  std::error_code ec;
  fs::create_directories(m_dir, ec);
  nlohmann::json side;
  side["method"] = request.method;
  side["url"] = request.url;
  if (!request.cache_name.empty()) {
    side["cache_name"] = request.cache_name;
  }
  nlohmann::json params = nlohmann::json::array();
  for (const auto& [k, v] : public_params(request)) {
    params.push_back({k, v});
  }
  side["params"] = params;
  if (!request.key_params.empty()) {
    nlohmann::json key = nlohmann::json::array();
    for (const auto& [k, v] : request.key_params) {
      key.push_back({k, v});
    }
    side["key_params"] = key;
  }
  side["status"] = response.status;
  side["content_type"] = response.header("content-type");
  side["bytes"] = response.body.size();
  side["fetched_at"] = util::utc_timestamp();
  std::string key = cache_key(request);
  util::write_file_atomically(m_dir / (key + ".json"), side.dump(1) + "\n", "the response cache");
  fs::path body = m_dir / (key + ".body");
  util::write_file_atomically(body, response.body, "the response cache");
  return body;
}

void ResponseCache::remove(const Request& request) const
{
  std::error_code ec;
  fs::remove(body_path(request), ec);
}

Fetcher::Fetcher(ResponseCache& cache, HttpClient* client, CacheMode mode)
  : m_cache(cache), m_client(client), m_mode(mode)
{
}

Fetched Fetcher::get(const Request& request, RateLimiter* limiter, bool fresh)
{
  Fetched out;
  out.file = m_cache.body_path(request);
  if (m_mode != CacheMode::refresh && !(fresh && m_mode == CacheMode::normal)) {
    if (auto body = m_cache.get(request)) {
      ++m_hits;
      out.body = std::move(*body);
      out.from_cache = true;
      if (on_fetch) {
        on_fetch(request, true);
      }
      return out;
    }
  }
  if (m_mode == CacheMode::offline || !m_client) {
    throw Error(fmt::format("cache miss for {} (run without --offline to fetch it)", describe(request)));
  }
  ++m_network;
  if (on_fetch) {
    on_fetch(request, false);
  }
  Response response = m_client->fetch(request, limiter);
  if (on_response) {
    on_response(response);
  }
  if (response.status < 200 || response.status >= 300) {
    std::string text = response.body.substr(0, 300);
    std::replace(text.begin(), text.end(), '\n', ' ');
    throw HttpStatusError(redact(fmt::format("{}: the server answered HTTP {}{}{}", describe(request), response.status,
                                             text.empty() ? "" : ": ", text),
                                 request),
                          response.status, redact(response.body, request));
  }
  out.file = m_cache.put(request, response);
  out.body = std::move(response.body);
  return out;
}

void Fetcher::invalidate(const Request& request) { m_cache.remove(request); }

} // namespace synth::net
