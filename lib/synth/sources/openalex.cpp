#include "synth/sources/openalex.hpp"

#include "synth/core/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace synth::sources {

OpenAlex::OpenAlex(net::Fetcher& fetcher, OpenAlexOptions options) : m_fetcher(fetcher), m_options(std::move(options))
{
  m_limiter = m_options.limiter ? m_options.limiter : &net::limiter_for("openalex", 9, std::chrono::milliseconds(1000));
  m_fetcher.on_response = [this](const net::Response& r) {
    auto limit = r.header("x-ratelimit-limit");
    auto remaining = r.header("x-ratelimit-remaining");
    auto reset = r.header("x-ratelimit-reset");
    if (!limit.empty() || !remaining.empty()) {
      m_rate_limit = fmt::format("limit={} remaining={} reset={}s", limit, remaining, reset);
    }
    if (!reset.empty()) {
      m_reset = reset;
    } else if (auto after = r.header("retry-after"); !after.empty()) {
      m_reset = after;
    }
  };
}

OpenAlex::~OpenAlex() { m_fetcher.on_response = nullptr; }

net::Request OpenAlex::request(const std::string& filter, int per_page, const std::string* cursor) const
{
  net::Request req;
  req.url = m_options.base_url;
  while (!req.url.empty() && req.url.back() == '/') {
    req.url.pop_back();
  }
  req.url += "/works";
  req.cache_name = "openalex/works";
  req.params.emplace_back("filter", filter);
  req.params.emplace_back("per_page", std::to_string(per_page));
  if (cursor) {
    req.params.emplace_back("cursor", *cursor);
  }
  if (!m_options.mailto.empty()) {
    req.params.emplace_back("mailto", m_options.mailto);
  }
  if (!m_options.api_key.empty()) {
    req.params.emplace_back("api_key", m_options.api_key);
  }
  return req;
}

formats::OpenAlexPage OpenAlex::read_page(const net::Request& req,
                                          const std::function<void(formats::OpenAlexWork&&)>& sink)
{
  bool fresh = false;
  for (int attempt = 0;; ++attempt) {
    net::Fetched got;
    try {
      got = m_fetcher.get(req, m_limiter, fresh);
    } catch (const net::HttpStatusError& e) {
      if (e.status() == 401 || e.status() == 403) {
        throw Error(fmt::format("OpenAlex refused the request: HTTP {} ({}){}", e.status(), e.body().substr(0, 200),
                                m_options.api_key.empty() ? "" : "; the API key in OPENALEX_API_KEY was sent"),
                    m_options.api_key.empty()
                      ? "OpenAlex wants an API key for this: set OPENALEX_API_KEY (free at openalex.org)"
                      : "check OPENALEX_API_KEY (unset it to use OpenAlex without a key)");
      }
      if (e.status() == 429) {
        throw Error(fmt::format("OpenAlex's daily request budget is spent (HTTP 429{})",
                                m_reset.empty() ? "" : fmt::format("; it resets in {} s", m_reset)),
                    "run the same command again after the reset: the pages fetched so far are cached");
      }
      throw;
    }
    std::vector<formats::OpenAlexWork> works;
    formats::OpenAlexPage page;
    try {
      formats::ReadContext ctx(got.file.string(), true); // a work without id is skipped
      page =
        formats::read_openalex_page(got.body, ctx, [&](formats::OpenAlexWork&& w) { works.push_back(std::move(w)); });
    } catch (const Error&) {
      m_fetcher.invalidate(req);
      if (attempt > 0 || m_fetcher.mode() == net::CacheMode::offline) {
        throw;
      }
      fresh = true;
      continue;
    }
    for (auto& w : works) {
      sink(std::move(w));
    }
    return page;
  }
}

OpenAlexResult OpenAlex::works(const std::string& filter, std::set<std::string>& seen,
                               const std::function<void(formats::OpenAlexWork&&)>& sink,
                               const std::function<void(std::int64_t, std::int64_t)>& on_page)
{
  OpenAlexResult out;
  int per_page = std::clamp(m_options.per_page, 1, 200);
  std::string cursor = "*";
  for (int n = 0; n < m_options.max_pages; ++n) {
    auto page = read_page(request(filter, per_page, &cursor), [&](formats::OpenAlexWork&& w) {
      if (seen.insert(w.record.source_id).second) {
        ++out.retrieved;
        sink(std::move(w));
      } else {
        ++out.repeated;
      }
    });
    if (n == 0) {
      out.count = page.count;
    }
    ++out.pages;
    if (on_page) {
      on_page(out.retrieved, out.count);
    }
    if (page.next_cursor.empty() || page.results == 0) {
      break;
    }
    cursor = page.next_cursor;
  }
  return out;
}

std::int64_t OpenAlex::count(const std::string& filter)
{
  return read_page(request(filter, 1, nullptr), [](formats::OpenAlexWork&&) {}).count;
}

} // namespace synth::sources
