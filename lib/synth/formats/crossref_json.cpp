#include "synth/formats/crossref_json.hpp"

#include "synth/core/normalise.hpp"
#include "synth/util/json.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <regex>

namespace synth::formats {

namespace {

using nlohmann::json;

std::string str(const json& item, const char* key)
{
  auto it = item.find(key);
  if (it == item.end()) {
    return {};
  }
  if (it->is_string()) {
    return it->get<std::string>();
  }
  if (it->is_number()) {
    return it->dump();
  }
  return {};
}

std::string first(const json& item, const char* key)
{
  auto it = item.find(key);
  if (it != item.end() && it->is_array()) {
    for (const auto& v : *it) {
      if (v.is_string() && !v.get<std::string>().empty()) {
        return v.get<std::string>();
      }
    }
  }
  return str(item, key);
}

std::string clean_abstract(std::string text)
{
  static const std::regex title(R"(<(jats:)?title>[^<]*</(jats:)?title>)");
  text = std::regex_replace(text, title, " ");
  return std::string(util::trim(util::decode_entities(util::strip_markup(text))));
}

// Year and ISO date from {"date-parts": [[2013, 11, 30]]}; false when absent or null.
bool read_date(const json& item, const char* key, Record& rec)
{
  auto it = item.find(key);
  if (it == item.end() || !it->is_object()) {
    return false;
  }
  auto dp = it->find("date-parts");
  if (dp == it->end() || !dp->is_array() || dp->empty() || !(*dp)[0].is_array() || (*dp)[0].empty()) {
    return false;
  }
  const auto& parts = (*dp)[0];
  if (!parts[0].is_number_integer()) {
    return false;
  }
  int y = parts[0].get<int>();
  rec.year = y;
  rec.date = fmt::format("{:04d}", y);
  if (parts.size() > 1 && parts[1].is_number_integer()) {
    rec.date += fmt::format("-{:02d}", parts[1].get<int>());
    if (parts.size() > 2 && parts[2].is_number_integer()) {
      rec.date += fmt::format("-{:02d}", parts[2].get<int>());
    }
  }
  return true;
}

void read_work(const json& item, std::int64_t index, ReadContext& ctx, const RecordSink& sink)
{
  if (!item.is_object()) {
    ctx.bad_record(0, fmt::format("work {} is not a JSON object", index));
    return;
  }
  Record rec;
  rec.source = "Crossref";
  rec.doi = normalise_doi(str(item, "DOI"));
  if (rec.doi.empty()) {
    ctx.bad_record(0, fmt::format("work {} has no DOI", index));
    return;
  }
  rec.source_id = rec.doi;
  rec.title = util::collapse_space(util::strip_markup(first(item, "title")));
  if (auto a = str(item, "abstract"); !a.empty()) {
    rec.abstract = clean_abstract(a);
  }
  if (auto it = item.find("author"); it != item.end() && it->is_array()) {
    for (const auto& a : *it) {
      Author au;
      au.family = str(a, "family");
      au.given = str(a, "given");
      if (au.family.empty()) {
        au.family = str(a, "name");
      }
      if (!au.family.empty() || !au.given.empty()) {
        rec.authors.push_back(std::move(au));
      }
    }
  }
  for (const char* key : {"issued", "published-print", "published-online", "published"}) {
    if (read_date(item, key, rec)) {
      break;
    }
  }
  rec.journal = first(item, "container-title");
  rec.journal_abbrev = first(item, "short-container-title");
  rec.issn = first(item, "ISSN");
  rec.volume = str(item, "volume");
  rec.issue = str(item, "issue");
  rec.pages = str(item, "page");
  if (auto lang = str(item, "language"); !lang.empty()) {
    rec.language = normalise_language(lang);
  }
  if (auto type = str(item, "type"); !type.empty()) {
    rec.publication_types.push_back(type);
  }
  if (auto it = item.find("subject"); it != item.end() && it->is_array()) {
    for (const auto& s : *it) {
      if (s.is_string()) {
        rec.keywords.push_back(s.get<std::string>());
      }
    }
  }
  rec.url = str(item, "URL");
  rec.raw = util::dump_json(item);
  rec.provenance.file = ctx.file();
  rec.provenance.index = index;
  finish_record(rec);
  sink(std::move(rec));
}

} // namespace

void read_crossref_json(std::string_view text, ReadContext& ctx, const RecordSink& sink)
{
  ctx.default_source = "Crossref";
  json doc;
  if (auto failure = util::parse_json(text, doc)) {
    ctx.fail(static_cast<std::int64_t>(failure->line), static_cast<std::int64_t>(failure->column),
             "malformed JSON: " + failure->message);
  }
  const json* items = nullptr;
  if (doc.is_array()) {
    items = &doc;
  } else if (doc.is_object() && doc.contains("message") && doc["message"].is_object()) {
    const json& msg = doc["message"];
    if (msg.contains("items") && msg["items"].is_array()) {
      items = &msg["items"];
    } else if (msg.contains("DOI")) {
      read_work(msg, 1, ctx, sink);
      return;
    }
  } else if (doc.is_object() && doc.contains("DOI")) {
    read_work(doc, 1, ctx, sink);
    return;
  }
  if (!items) {
    ctx.fail(1, "not a Crossref works answer (no message.items or DOI)");
  }
  std::int64_t index = 0;
  for (const auto& item : *items) {
    read_work(item, ++index, ctx, sink);
  }
}

} // namespace synth::formats
