#include "synth/sources/crossref.hpp"

#include "synth/core/error.hpp"
#include "synth/formats/crossref_json.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>

namespace synth::sources {

namespace {

// "1s", "2s", "500ms" -> milliseconds; 0 when unreadable.
long interval_ms(const std::string& text)
{
  long n = 0;
  std::size_t i = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    n = n * 10 + (text[i++] - '0');
  }
  std::string unit = text.substr(i);
  if (unit == "ms") {
    return n;
  }
  if (unit == "s" || unit.empty()) {
    return n * 1000;
  }
  if (unit == "m") {
    return n * 60000;
  }
  return 0;
}

} // namespace

Crossref::Crossref(net::Fetcher& fetcher, CrossrefOptions options)
  : m_fetcher(fetcher), m_options(std::move(options))
{
  m_limiter = &net::limiter_for("crossref", 5, std::chrono::milliseconds(1000));
  m_fetcher.on_response = [limiter = m_limiter](const net::Response& r) {
    auto limit = r.header("x-rate-limit-limit");
    auto interval = interval_ms(r.header("x-rate-limit-interval"));
    if (!limit.empty() && interval > 0) {
      int n = std::atoi(limit.c_str());
      // Single-threaded client: the concurrency limit is always honoured; stay one under
      // the advertised rate.
      limiter->set_limit(std::max(1, n - 1), std::chrono::milliseconds(interval));
    }
  };
}

std::string Crossref::describe_query(const std::string& bibliographic, const std::string& filter)
{
  return net::encode_params({{"query.bibliographic", bibliographic}, {"filter", filter}});
}

CrossrefResult Crossref::works(const std::string& bibliographic, const std::string& filter,
                               const std::function<void(Record&&)>& sink,
                               const std::function<void(std::int64_t, std::int64_t)>& on_page)
{
  CrossrefResult out;
  std::string url = m_options.base_url;
  if (!url.empty() && url.back() != '/') {
    url += '/';
  }
  url += "works";
  std::string cursor = "*";
  int rows = std::clamp(m_options.rows, 1, 1000);
  for (int page = 0; page < m_options.max_pages; ++page) {
    net::Request req;
    req.url = url;
    req.cache_name = "crossref/works";
    if (!bibliographic.empty()) {
      req.params.emplace_back("query.bibliographic", bibliographic);
    }
    if (!filter.empty()) {
      req.params.emplace_back("filter", filter);
    }
    req.params.emplace_back("rows", std::to_string(rows));
    req.params.emplace_back("cursor", cursor);
    if (!m_options.mailto.empty()) {
      req.params.emplace_back("mailto", m_options.mailto);
    }
    std::vector<Record> records;
    std::int64_t items = 0;
    std::int64_t total = 0;
    std::string next;
    for (int attempt = 0;; ++attempt) {
      auto got = m_fetcher.get(req, m_limiter);
      records.clear();
      try {
        nlohmann::json doc;
        try {
          doc = nlohmann::json::parse(got.body);
        } catch (const nlohmann::json::exception& e) {
          throw Error(fmt::format("{}: malformed JSON from Crossref: {}", got.file.string(), e.what()));
        }
        const auto* msg = doc.is_object() ? &doc["message"] : nullptr;
        if (!msg || !msg->is_object() || !msg->contains("items")) {
          throw Error(fmt::format("{}: not a Crossref works answer", got.file.string()));
        }
        items = static_cast<std::int64_t>((*msg)["items"].size());
        total = msg->value("total-results", std::int64_t{0});
        next = msg->value("next-cursor", std::string());
        formats::ReadContext ctx(got.file.string(), true); // a work without DOI is skipped
        formats::read_crossref_json(got.body, ctx, [&](Record&& r) { records.push_back(std::move(r)); });
      } catch (const Error&) {
        m_fetcher.invalidate(req);
        if (attempt > 0 || m_fetcher.mode() == net::CacheMode::offline) {
          throw;
        }
        continue;
      }
      break;
    }
    if (page == 0) {
      out.total_results = total;
    }
    ++out.pages;
    out.retrieved += static_cast<std::int64_t>(records.size());
    for (auto& r : records) {
      sink(std::move(r));
    }
    if (on_page) {
      on_page(out.retrieved, out.total_results);
    }
    if (items < rows || next.empty()) {
      break;
    }
    cursor = next;
  }
  return out;
}

} // namespace synth::sources
