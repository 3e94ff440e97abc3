#include "synth/net/http.hpp"

#include "synth/core/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <random>

namespace synth::net {

namespace {

std::chrono::milliseconds env_ms(const char* name, double scale, std::chrono::milliseconds fallback)
{
  const char* v = std::getenv(name);
  if (!v || !*v) {
    return fallback;
  }
  char* end = nullptr;
  double d = std::strtod(v, &end);
  if (end == v || d < 0) {
    return fallback;
  }
  return std::chrono::milliseconds(static_cast<long long>(d * scale));
}

bool retryable_status(long status)
{
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

} // namespace

std::string Response::header(const std::string& name) const
{
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

HttpOptions HttpOptions::from_env()
{
  HttpOptions o;
  o.timeout = env_ms("SYNTH_HTTP_TIMEOUT", 1000.0, o.timeout);
  o.connect_timeout = env_ms("SYNTH_CONNECT_TIMEOUT", 1000.0, o.connect_timeout);
  o.retry_base = env_ms("SYNTH_RETRY_BASE_MS", 1.0, o.retry_base);
  o.retry_max = env_ms("SYNTH_RETRY_MAX_MS", 1.0, o.retry_max);
  if (const char* r = std::getenv("SYNTH_RETRIES"); r && *r) {
    o.retries = std::max(0, std::atoi(r));
  }
  return o;
}

std::string url_encode(std::string_view s)
{
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::string encode_params(const Params& params)
{
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) {
      out += '&';
    }
    out += url_encode(k);
    out += '=';
    out += url_encode(v);
  }
  return out;
}

bool is_secret_param(std::string_view name)
{
  return name == "api_key" || name == "email" || name == "tool" || name == "mailto";
}

std::string redact(std::string text, const Request& request)
{
  for (const auto& [name, value] : request.params) {
    if (!is_secret_param(name) || value.size() < 3) {
      continue;
    }
    for (const auto& form : {value, url_encode(value)}) {
      for (auto pos = text.find(form); pos != std::string::npos; pos = text.find(form, pos + 3)) {
        text.replace(pos, form.size(), "***");
      }
    }
  }
  return text;
}

std::string describe(const Request& request)
{
  std::string q;
  for (const auto& [name, value] : request.params) {
    if (!is_secret_param(name)) {
      q += q.empty() ? "" : "&";
      q += name;
      q += '=';
      q += value;
    }
  }
  std::string out = request.method + " " + request.url;
  if (!q.empty()) {
    if (q.size() > 300) {
      q = q.substr(0, 300) + "...";
    }
    out += "?" + q;
  }
  return out;
}

bool is_ncbi_rate_limit_body(std::string_view body)
{
  if (body.size() > 512) {
    return false;
  }
  return body.find("\"error\"") != std::string_view::npos
         && body.find("API rate limit exceeded") != std::string_view::npos;
}

long parse_retry_after_seconds(std::string_view value)
{
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) {
    value.remove_prefix(1);
  }
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) {
    value.remove_suffix(1);
  }
  if (value.empty() || value.size() > 9) {
    return -1;
  }
  long n = 0;
  for (char c : value) {
    if (c < '0' || c > '9') {
      return -1;
    }
    n = n * 10 + (c - '0');
  }
  return n;
}

HttpClient::HttpClient(HttpOptions options, Transport& transport, Clock& clock, unsigned seed)
  : m_options(std::move(options)), m_transport(transport), m_clock(clock), m_seed(seed)
{
}

std::chrono::milliseconds HttpClient::backoff(int attempt)
{
  // Exponential: base * 2^(attempt-1), capped, then "equal jitter": half fixed, half random.
  auto base = m_options.retry_base.count();
  long long d = base;
  for (int i = 1; i < attempt && d < m_options.retry_max.count(); ++i) {
    d *= 2;
  }
  d = std::min<long long>(d, m_options.retry_max.count());
  std::mt19937 rng(m_seed + static_cast<unsigned>(attempt) * 7919u);
  std::uniform_int_distribution<long long> dist(0, std::max<long long>(0, d / 2));
  return std::chrono::milliseconds(d - d / 2 + dist(rng));
}

Response HttpClient::fetch(const Request& request, RateLimiter* limiter)
{
  std::string last_reason;
  for (int attempt = 0;; ++attempt) {
    if (limiter) {
      limiter->acquire();
    }
    ++m_stats.requests;
    Attempt a = m_transport.perform(request);
    std::chrono::milliseconds delay{-1}; // -1: use backoff
    if (a.failure != Attempt::Failure::none) {
      switch (a.failure) {
      case Attempt::Failure::connect:
        last_reason = "cannot connect: " + a.error;
        break;
      case Attempt::Failure::timeout:
        last_reason = "timed out: " + a.error;
        break;
      case Attempt::Failure::truncated:
        last_reason = "truncated answer: " + a.error;
        break;
      default:
        last_reason = a.error;
        break;
      }
    } else if (a.response.status == 429 && a.response.header("x-ratelimit-remaining") == "0") {
      // A budget spent (OpenAlex's daily one): retrying within minutes cannot help.
      ++m_stats.rate_limited;
      return std::move(a.response);
    } else if (retryable_status(a.response.status)) {
      last_reason = fmt::format("HTTP {}", a.response.status);
      if (a.response.status == 429) {
        ++m_stats.rate_limited;
      }
      long s = parse_retry_after_seconds(a.response.header("retry-after"));
      if (s >= 0) {
        delay = std::min(std::chrono::milliseconds(s * 1000), m_options.retry_max);
        if (limiter) {
          limiter->pause_for(delay);
        }
      }
    } else if (a.response.status == 200 && is_ncbi_rate_limit_body(a.response.body)) {
      ++m_stats.rate_limited;
      last_reason = "API rate limit exceeded";
    } else {
      return std::move(a.response);
    }
    if (attempt >= m_options.retries) {
      break;
    }
    if (delay.count() < 0) {
      delay = backoff(attempt + 1);
    }
    ++m_stats.retries;
    if (on_retry) {
      on_retry(attempt + 1, delay, redact(last_reason, request));
    }
    m_clock.sleep_for(delay);
  }
  throw Error(redact(fmt::format("network: {}: {} (gave up after {} attempts)", describe(request), last_reason,
                                 m_options.retries + 1),
                     request),
              "check the connection and run the same command again: what was fetched is cached");
}

} // namespace synth::net
