#include "synth/sources/crossref.hpp"

#include "synth/core/error.hpp"
#include "synth/formats/crossref_json.hpp"
#include "synth/util/json.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>

namespace synth::sources {

namespace {

// "1s", "60s", "500ms", "1m" -> milliseconds; 0 when unreadable.
long interval_ms(const std::string& text)
{
  long n = 0;
  std::size_t i = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    n = n * 10 + (text[i++] - '0');
  }
  if (i == 0) {
    return 0;
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

// One page as read: its works and what the chain needs.
struct Crossref::Page
{
  std::vector<Record> records;
  std::int64_t items = 0;
  std::int64_t total = 0;
  std::string next;
};

Crossref::Crossref(net::Fetcher& fetcher, CrossrefOptions options) : m_fetcher(fetcher), m_options(std::move(options))
{
  m_limiter = m_options.limiter ? m_options.limiter : &net::limiter_for("crossref", 5, std::chrono::milliseconds(1000));
  m_fetcher.on_response = [this](const net::Response& r) {
    auto limit = r.header("x-rate-limit-limit");
    auto interval_text = r.header("x-rate-limit-interval");
    auto interval = interval_ms(interval_text);
    if (!limit.empty() && interval > 0) {
      int n = std::atoi(limit.c_str());
      // One under the advertised rate: Crossref counts with its own clock.
      m_limiter->set_limit(std::max(1, n - 1), std::chrono::milliseconds(interval));
      m_rate_limit = limit + "/" + interval_text;
    }
    if (auto c = r.header("x-concurrency-limit"); !c.empty()) {
      m_concurrency_limit = c;
    }
  };
}

Crossref::~Crossref() { m_fetcher.on_response = nullptr; }

std::string Crossref::describe_query(const std::string& bibliographic, const std::string& filter)
{
  std::string out;
  if (!bibliographic.empty()) {
    out = "query.bibliographic=" + bibliographic;
  }
  if (!filter.empty()) {
    out += (out.empty() ? "" : "&") + std::string("filter=") + filter;
  }
  return out;
}

net::Request Crossref::request(const std::string& bibliographic, const std::string& filter, int rows,
                               const std::string* cursor, int page) const
{
  net::Request req;
  req.url = m_options.base_url;
  if (!req.url.empty() && req.url.back() != '/') {
    req.url += '/';
  }
  req.url += "works";
  req.cache_name = "crossref/works";
  if (!bibliographic.empty()) {
    req.params.emplace_back("query.bibliographic", bibliographic);
  }
  if (!filter.empty()) {
    req.params.emplace_back("filter", filter);
  }
  req.params.emplace_back("rows", std::to_string(rows));
  if (cursor) {
    req.params.emplace_back("cursor", *cursor);
  }
  if (!m_options.mailto.empty()) {
    req.params.emplace_back("mailto", m_options.mailto);
  }
  if (page > 0) {
    req.key_params.emplace_back("page", std::to_string(page));
  }
  return req;
}

Crossref::Page Crossref::read_page(const net::Request& req, bool fresh)
{
  for (int attempt = 0;; ++attempt) {
    auto got = m_fetcher.get(req, m_limiter, fresh);
    Page page;
    try {
      nlohmann::json doc;
      if (auto failure = util::parse_json(got.body, doc)) {
        throw Error(fmt::format("{}:{}:{}: malformed JSON from Crossref: {}", got.file.string(), failure->line,
                                failure->column, failure->message));
      }
      const auto* msg = doc.is_object() && doc.contains("message") ? &doc["message"] : nullptr;
      if (!msg || !msg->is_object() || !msg->contains("items") || !(*msg)["items"].is_array()) {
        throw Error(fmt::format("{}: not a Crossref works answer", got.file.string()));
      }
      page.items = static_cast<std::int64_t>((*msg)["items"].size());
      page.total = msg->value("total-results", std::int64_t{0});
      if (auto it = msg->find("next-cursor"); it != msg->end() && it->is_string()) {
        page.next = it->get<std::string>();
      }
      if (page.items > 0) {
        formats::ReadContext ctx(got.file.string(), true); // a work without DOI is skipped
        formats::read_crossref_json(got.body, ctx, [&](Record&& r) { page.records.push_back(std::move(r)); });
      }
    } catch (const Error&) {
      m_fetcher.invalidate(req);
      if (attempt > 0 || m_fetcher.mode() == net::CacheMode::offline) {
        throw;
      }
      fresh = true;
      continue;
    }
    return page;
  }
}

bool Crossref::chain(const std::string& bibliographic, const std::string& filter, bool fresh, CrossrefResult& out,
                     std::set<std::string>& seen, const std::function<void(Record&&)>& sink,
                     const std::function<void(std::int64_t, std::int64_t)>& on_page)
{
  int rows = std::clamp(m_options.rows, 1, 1000);
  std::string cursor = "*";
  for (int n = 0; n < m_options.max_pages; ++n) {
    Page page;
    try {
      page = read_page(request(bibliographic, filter, rows, &cursor, n), fresh);
    } catch (const net::HttpStatusError& e) {
      // An expired or unknown cursor: Crossref answers 404 (or 400) "cursor-invalid".
      if (n > 0 && e.status() >= 400 && e.status() < 500 && e.status() != 429) {
        return false;
      }
      throw;
    }
    if (n == 0) {
      out.total_results = page.total;
    }
    ++out.pages;
    for (auto& r : page.records) {
      if (seen.insert(r.source_id).second) {
        ++out.retrieved;
        sink(std::move(r));
      } else {
        ++out.repeated;
      }
    }
    if (on_page) {
      on_page(out.retrieved, out.total_results);
    }
    if (page.items < rows || page.next.empty()) {
      break;
    }
    cursor = page.next;
  }
  return true;
}

CrossrefResult Crossref::works(const std::string& bibliographic, const std::string& filter,
                               const std::function<void(Record&&)>& sink,
                               const std::function<void(std::int64_t, std::int64_t)>& on_page)
{
  CrossrefResult out;
  std::set<std::string> seen;
  int before = m_fetcher.network_requests();
  bool complete = chain(bibliographic, filter, false, out, seen, sink, on_page);
  // A scroll cursor moves on with every request it answers, even one whose answer was
  // then lost (timeout, truncated, 5xx) or that a killed run never cached: a chain that
  // used the network and ended short of total-results may have skipped a page. The
  // restart reads every page afresh; works already passed on are not passed again. A
  // chain read wholly from the cache is what was retrieved then, and is replayed as is.
  bool short_online = out.retrieved < out.total_results && m_fetcher.network_requests() > before
                      && m_fetcher.mode() != net::CacheMode::offline;
  if (!complete || short_online) {
    ++out.restarts;
    if (!chain(bibliographic, filter, true, out, seen, sink, on_page)) {
      throw Error(
        fmt::format("Crossref refused its own next-cursor twice for {}", describe_query(bibliographic, filter)),
        "run the same command again later: the pages fetched so far are cached");
    }
  }
  if (out.retrieved < out.total_results) {
    out.warning =
      fmt::format("Crossref reported {} hits but its cursor ended after {} works", out.total_results, out.retrieved);
  }
  out.rate_limit = m_rate_limit;
  out.concurrency_limit = m_concurrency_limit;
  return out;
}

std::int64_t Crossref::count(const std::string& bibliographic, const std::string& filter)
{
  auto req = request(bibliographic, filter, 0, nullptr, 0);
  return read_page(req, false).total;
}

} // namespace synth::sources
