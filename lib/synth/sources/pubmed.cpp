#include "synth/sources/pubmed.hpp"

#include "synth/core/error.hpp"
#include "synth/formats/pubmed_xml.hpp"
#include "synth/util/date.hpp"

#include <fmt/format.h>
#include <pugixml.hpp>

#include <algorithm>
#include <chrono>
#include <set>

namespace synth::sources {

namespace {

using namespace std::chrono;

long to_days(int y, unsigned m, unsigned d)
{
  return sys_days(year_month_day(year(y), month(m), day(d))).time_since_epoch().count();
}

year_month_day from_days(long days) { return year_month_day(sys_days(std::chrono::days(days))); }

// First (or last) day of a header date "YYYY", "YYYY-MM", "YYYY-MM-DD" (checked when the
// query file was parsed; `fallback` when there is none).
long header_day(const std::string& text, bool last, long fallback)
{
  auto date = util::parse_iso_date(text);
  if (!date) {
    return fallback;
  }
  const int day = last ? date->last_day() : date->first_day();
  return to_days(day / 10000, static_cast<unsigned>(day / 100 % 100), static_cast<unsigned>(day % 100));
}

// "PhraseNotFound" -> "phrase not found".
std::string words_of(std::string_view name)
{
  std::string out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') {
      if (!out.empty()) {
        out += ' ';
      }
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return out;
}

std::string dp(long days)
{
  auto ymd = from_days(days);
  return fmt::format("\"{:04d}/{:02d}/{:02d}\"[dp]", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

} // namespace

EsearchAnswer parse_esearch(std::string_view xml, const std::string& label)
{
  pugi::xml_document doc;
  auto ok = doc.load_buffer(xml.data(), xml.size());
  auto root = doc.child("eSearchResult");
  if (!ok || !root) {
    throw Error(fmt::format("{}: not an esearch answer{}", label, ok ? "" : std::string(": ") + ok.description()));
  }
  if (auto err = root.child("ERROR"); err) {
    throw Error(fmt::format("{}: PubMed answered: {}", label, err.text().get()));
  }
  auto c = root.child("Count");
  if (!c) {
    throw Error(fmt::format("{}: esearch answer without Count", label));
  }
  EsearchAnswer out;
  out.count = c.text().as_llong(-1);
  for (auto id : root.child("IdList").children("Id")) {
    out.ids.emplace_back(id.text().get());
  }
  out.translation = root.child("QueryTranslation").text().get();
  for (const char* list : {"ErrorList", "WarningList"}) {
    for (auto item : root.child(list).children()) {
      out.messages.push_back(fmt::format("{}: {}", words_of(item.name()), item.text().get()));
    }
  }
  return out;
}

void parse_esearch(std::string_view xml, const std::string& label, std::int64_t& count, std::vector<std::string>* ids)
{
  auto answer = parse_esearch(xml, label);
  count = answer.count;
  if (ids) {
    *ids = std::move(answer.ids);
  }
}

PubMed::PubMed(net::Fetcher& fetcher, PubMedOptions options) : m_fetcher(fetcher), m_options(std::move(options))
{
  int limit = m_options.api_key.empty() ? 3 : 10;
  m_limiter = m_options.limiter ? m_options.limiter
                                : &net::limiter_for(m_options.api_key.empty() ? "pubmed" : "pubmed-key", limit,
                                                    std::chrono::milliseconds(1000));
}

net::Request PubMed::request(const std::string& tool, net::Params params) const
{
  net::Request r;
  r.url = m_options.base_url;
  if (!r.url.empty() && r.url.back() != '/') {
    r.url += '/';
  }
  r.url += tool;
  r.cache_name = "pubmed/" + tool;
  params.emplace_back("tool", "synth");
  if (!m_options.email.empty()) {
    params.emplace_back("email", m_options.email);
  }
  if (!m_options.api_key.empty()) {
    params.emplace_back("api_key", m_options.api_key);
  }
  r.params = std::move(params);
  return r;
}

EsearchAnswer PubMed::esearch(const std::string& term, bool count_only)
{
  net::Params p{{"db", "pubmed"}, {"term", term}};
  if (count_only) {
    p.emplace_back("rettype", "count");
  } else {
    p.emplace_back("retmax", std::to_string(m_options.max_ids));
    p.emplace_back("retstart", "0");
    p.emplace_back("usehistory", "y");
  }
  auto req = request("esearch.fcgi", std::move(p));
  if (net::url_encode(term).size() > m_options.post_above) {
    req.method = "POST";
  }
  for (int attempt = 0;; ++attempt) {
    auto got = m_fetcher.get(req, m_limiter);
    try {
      return parse_esearch(got.body, got.file.string());
    } catch (const Error&) {
      m_fetcher.invalidate(req);
      if (attempt > 0 || m_fetcher.mode() == net::CacheMode::offline) {
        throw;
      }
    }
  }
}

std::int64_t PubMed::count(const std::string& term) { return esearch(term, true).count; }

void PubMed::search_range(const std::string& term, long from_day, long to_day, std::int64_t count, ResultSet& out)
{
  if (count < 0 || from_day >= to_day) {
    std::string sliced = fmt::format("({}) AND ({} : {})", term, dp(from_day), dp(to_day));
    auto answer = esearch(sliced, false);
    ++out.slices;
    for (auto& m : answer.messages) {
      if (std::find(out.messages.begin(), out.messages.end(), m) == out.messages.end()) {
        out.messages.push_back(std::move(m));
      }
    }
    if (answer.count <= m_options.max_ids || from_day >= to_day) {
      if (answer.count > m_options.max_ids) {
        out.warning = fmt::format("{} hits on one day ({}): only {} could be retrieved", answer.count, dp(from_day),
                                  answer.ids.size());
      }
      out.ids.insert(out.ids.end(), answer.ids.begin(), answer.ids.end());
      return;
    }
  }
  auto a = from_days(from_day);
  auto b = from_days(to_day);
  long mid = 0;
  if (a.year() != b.year()) { // split on a year boundary
    int y = static_cast<int>(a.year()) + (static_cast<int>(b.year()) - static_cast<int>(a.year()) - 1) / 2;
    mid = to_days(y, 12, 31);
  } else if (a.month() != b.month()) { // on a month boundary
    unsigned m =
      static_cast<unsigned>(a.month()) + (static_cast<unsigned>(b.month()) - static_cast<unsigned>(a.month()) - 1) / 2;
    mid = sys_days(year_month_day_last(a.year(), month_day_last(month(m)))).time_since_epoch().count();
  } else {
    mid = from_day + (to_day - from_day) / 2;
  }
  search_range(term, from_day, mid, -1, out);
  search_range(term, mid + 1, to_day, -1, out);
}

ResultSet PubMed::search(const std::string& term, const std::string& date_from, const std::string& date_to)
{
  ResultSet out;
  auto answer = esearch(term, false);
  out.count = answer.count;
  out.translation = std::move(answer.translation);
  out.messages = std::move(answer.messages);
  if (out.count <= m_options.max_ids) {
    out.ids = std::move(answer.ids);
    return out;
  }
  out.slices = 1;
  auto today = util::utc_today(m_options.clock ? *m_options.clock : util::system_wall_clock());
  long from = header_day(date_from, false, to_days(1800, 1, 1));
  long to = header_day(date_to, true, to_days(static_cast<int>(today.year()) + 1, 12, 31));
  search_range(term, from, to, out.count, out); // the whole window is known to be too big
  // Slices may overlap at their edges in some indexes: keep each PMID once, in order.
  std::set<std::string> seen;
  std::vector<std::string> unique;
  for (auto& id : out.ids) {
    if (seen.insert(id).second) {
      unique.push_back(std::move(id));
    }
  }
  out.ids = std::move(unique);
  if (static_cast<std::int64_t>(out.ids.size()) != out.count && out.warning.empty()) {
    out.warning = fmt::format("the {} date slices gave {} PMIDs, PubMed reported {} hits", out.slices - 1,
                              out.ids.size(), out.count);
  }
  return out;
}

void PubMed::fetch(const std::vector<std::string>& ids, const std::function<void(Record&&)>& sink,
                   const std::function<void(std::size_t, std::size_t)>& on_batch)
{
  std::size_t batch = static_cast<std::size_t>(std::max(1, m_options.batch_size));
  for (std::size_t start = 0; start < ids.size(); start += batch) {
    std::size_t end = std::min(ids.size(), start + batch);
    std::string list;
    for (std::size_t i = start; i < end; ++i) {
      list += (i > start ? "," : "") + ids[i];
    }
    auto req = request("efetch.fcgi", {{"db", "pubmed"}, {"id", list}, {"retmode", "xml"}});
    req.method = "POST";
    for (int attempt = 0;; ++attempt) {
      auto got = m_fetcher.get(req, m_limiter);
      std::vector<Record> records;
      try {
        if (got.body.find("</PubmedArticleSet>") == std::string::npos) {
          throw Error(fmt::format("{}: efetch answer cut short (no </PubmedArticleSet>)", got.file.string()));
        }
        formats::ReadContext ctx(got.file.string(), false);
        formats::read_pubmed_xml_text(got.body, ctx, [&](Record&& r) { records.push_back(std::move(r)); });
      } catch (const Error&) {
        m_fetcher.invalidate(req);
        if (attempt > 0 || m_fetcher.mode() == net::CacheMode::offline) {
          throw;
        }
        continue;
      }
      for (auto& r : records) {
        sink(std::move(r));
      }
      break;
    }
    if (on_batch) {
      on_batch(end, ids.size());
    }
  }
}

} // namespace synth::sources
