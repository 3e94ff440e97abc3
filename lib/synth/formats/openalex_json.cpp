#include "synth/formats/openalex_json.hpp"

#include "synth/core/normalise.hpp"
#include "synth/formats/openalex_scan.hpp"
#include "synth/util/json.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <optional>
#include <utility>

namespace synth::formats {

namespace {

using nlohmann::json;

const json* member(const json& item, const char* key)
{
  if (!item.is_object()) {
    return nullptr;
  }
  auto it = item.find(key);
  return it == item.end() || it->is_null() ? nullptr : &*it;
}

std::string str(const json& item, const char* key)
{
  const json* v = member(item, key);
  if (!v) {
    return {};
  }
  if (v->is_string()) {
    return v->get<std::string>();
  }
  if (v->is_number_integer()) {
    return v->dump();
  }
  return {};
}

Author split_name(std::string_view name)
{
  Author a;
  auto text = util::collapse_space(name);
  auto cut = text.rfind(' ');
  if (cut == std::string::npos) {
    a.family = text;
  } else {
    a.family = text.substr(cut + 1);
    a.given = text.substr(0, cut);
  }
  return a;
}

// `abstract`: the abstract already rebuilt from the work's text (read_fast), else nullptr
// (rebuilt here from the parsed abstract_inverted_index).
bool read_work(const json& item, std::int64_t index, ReadContext& ctx, OpenAlexWork& out, std::string_view raw,
               std::string* abstract = nullptr)
{
  if (!item.is_object()) {
    ctx.bad_record(0, fmt::format("work {} is not a JSON object", index));
    return false;
  }
  Record& rec = out.record;
  rec.source = "OpenAlex";
  rec.source_id = openalex_work_id(str(item, "id"));
  if (rec.source_id.empty()) {
    ctx.bad_record(0, fmt::format("work {} has no OpenAlex id", index));
    return false;
  }
  rec.doi = normalise_doi(str(item, "doi"));
  if (const json* ids = member(item, "ids")) {
    auto pmid = str(*ids, "pmid");
    if (auto slash = pmid.find_last_of('/'); slash != std::string::npos) {
      pmid = pmid.substr(slash + 1);
    }
    if (!pmid.empty() && std::all_of(pmid.begin(), pmid.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      rec.pmid = pmid;
    }
  }
  rec.title = util::strip_markup(str(item, "title"));
  if (rec.title.empty()) {
    rec.title = util::strip_markup(str(item, "display_name"));
  }
  if (abstract) {
    rec.abstract = std::move(*abstract);
  } else if (const json* inv = member(item, "abstract_inverted_index")) {
    rec.abstract = rebuild_abstract(*inv);
  }
  if (const json* list = member(item, "authorships"); list && list->is_array()) {
    for (const auto& a : *list) {
      std::string name;
      if (const json* author = member(a, "author")) {
        name = str(*author, "display_name");
      }
      if (name.empty()) {
        name = str(a, "raw_author_name");
      }
      if (!util::trim(name).empty()) {
        rec.authors.push_back(split_name(name));
      }
    }
  }
  rec.date = str(item, "publication_date");
  if (rec.date.empty()) {
    rec.date = str(item, "publication_year");
  }
  if (const json* y = member(item, "publication_year"); y && y->is_number_integer()) {
    rec.year = y->get<int>();
  }
  if (const json* loc = member(item, "primary_location")) {
    if (const json* source = member(*loc, "source")) {
      rec.journal = str(*source, "display_name");
      rec.issn = str(*source, "issn_l");
    }
    rec.url = str(*loc, "landing_page_url");
  }
  if (const json* biblio = member(item, "biblio")) {
    rec.volume = str(*biblio, "volume");
    rec.issue = str(*biblio, "issue");
    rec.pages = str(*biblio, "first_page");
    if (auto last = str(*biblio, "last_page"); !last.empty() && last != rec.pages) {
      rec.pages += (rec.pages.empty() ? "" : "-") + last;
    }
  }
  rec.language = str(item, "language");
  if (auto type = str(item, "type"); !type.empty()) {
    rec.publication_types.push_back(type);
  }
  if (const json* list = member(item, "keywords"); list && list->is_array()) {
    for (const auto& k : *list) {
      if (auto name = str(k, "display_name"); !name.empty()) {
        rec.keywords.push_back(std::move(name));
      }
    }
  }
  if (const json* list = member(item, "mesh"); list && list->is_array()) {
    for (const auto& m : *list) {
      auto name = str(m, "descriptor_name");
      if (!name.empty() && std::find(rec.mesh.begin(), rec.mesh.end(), name) == rec.mesh.end()) {
        rec.mesh.push_back(std::move(name));
      }
    }
  }
  if (rec.url.empty() && !rec.doi.empty()) {
    rec.url = "https://doi.org/" + rec.doi;
  }
  if (const json* refs = member(item, "referenced_works"); refs && refs->is_array()) {
    for (const auto& r : *refs) {
      if (r.is_string()) {
        if (auto id = openalex_work_id(r.get<std::string>()); !id.empty()) {
          out.referenced_works.push_back(std::move(id));
        }
      }
    }
  }
  if (const json* n = member(item, "referenced_works_count"); n && n->is_number_integer()) {
    out.referenced_works_count = n->get<std::int64_t>();
  }
  // the work as received: its own text when the page was split into works, else re-written
  rec.raw = raw.empty() ? util::dump_json(item) : std::string(raw);
  rec.provenance.file = ctx.file();
  rec.provenance.index = index;
  finish_record(rec);
  return true;
}

// A {"meta": ..., "results": [...]} page read in one pass of the scanner (openalex_scan.hpp),
// each work reduced to the keys a Record uses before it is parsed and its abstract rebuilt from
// the text. nullopt, before anything is passed on, when the page is not that or anything does
// not add up: the caller then parses the page as a whole (and names any error's place).
std::optional<OpenAlexPage> read_fast(std::string_view t, ReadContext& ctx,
                                      const std::function<void(OpenAlexWork&&)>& sink)
{
  if (util::find_invalid_utf8(t)) {
    return std::nullopt;
  }
  std::vector<std::string_view> texts;
  std::vector<json> docs;
  std::vector<std::string> abstracts;
  // one work: parsed, its abstract rebuilt (false: give up)
  auto meta_text =
    detail::scan_page(t, [&](std::string_view text, std::string_view reduced, detail::WorkAbstract& abstract) {
      texts.push_back(text);
      if (util::parse_json(reduced, docs.emplace_back())) {
        return false;
      }
      if (!abstract.inverted.empty()) {
        json index;
        if (util::parse_json(abstract.inverted, index)) {
          return false;
        }
        abstracts.push_back(rebuild_abstract(index));
      } else {
        abstracts.push_back(std::move(abstract.text));
      }
      return true;
    });
  if (!meta_text) {
    return std::nullopt;
  }
  json meta;
  if (util::parse_json(*meta_text, meta) || !meta.is_object()) {
    return std::nullopt;
  }
  OpenAlexPage page;
  if (const json* c = member(meta, "count"); c && c->is_number_integer()) {
    page.count = c->get<std::int64_t>();
  }
  page.next_cursor = str(meta, "next_cursor");
  for (std::size_t n = 0; n < docs.size(); ++n) {
    ++page.results;
    OpenAlexWork w;
    if (read_work(docs[n], ++ctx.index, ctx, w, texts[n], &abstracts[n])) {
      sink(std::move(w));
    }
  }
  return page;
}

} // namespace

std::string openalex_work_id(std::string_view text)
{
  text = util::trim(text);
  if (auto slash = text.find_last_of('/'); slash != std::string_view::npos) {
    text = text.substr(slash + 1);
  }
  if (text.size() < 2 || text.size() > 20 || (text[0] != 'W' && text[0] != 'w')) {
    return {};
  }
  for (char c : text.substr(1)) {
    if (c < '0' || c > '9') {
      return {};
    }
  }
  std::string out(text);
  out[0] = 'W';
  return out;
}

std::string rebuild_abstract(const nlohmann::json& inverted_index)
{
  if (!inverted_index.is_object()) {
    return {};
  }
  std::vector<std::pair<std::int64_t, const std::string*>> words;
  for (const auto& [word, positions] : inverted_index.items()) {
    if (!positions.is_array()) {
      continue;
    }
    for (const auto& p : positions) {
      if (p.is_number_integer()) {
        auto pos = p.get<std::int64_t>();
        if (pos >= 0 && pos <= detail::k_max_abstract_position) {
          words.emplace_back(pos, &word);
        }
      }
    }
  }
  std::sort(words.begin(), words.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : *a.second < *b.second;
  });
  std::string out;
  for (const auto& [pos, word] : words) {
    if (word->empty()) {
      continue;
    }
    if (!out.empty()) {
      out += ' ';
    }
    out += *word;
  }
  return out;
}

OpenAlexPage read_openalex_page(std::string_view text, ReadContext& ctx,
                                const std::function<void(OpenAlexWork&&)>& sink)
{
  ctx.default_source = "OpenAlex";
  if (auto page = read_fast(text, ctx, sink)) {
    return *page;
  }
  // any other shape (a bare array, one work), or a page that did not add up: parsed whole,
  // so that raw keeps every field and an error names its place
  json doc;
  if (auto failure = util::parse_json(text, doc)) {
    ctx.fail(static_cast<std::int64_t>(failure->line), static_cast<std::int64_t>(failure->column),
             "malformed JSON: " + failure->message);
  }
  OpenAlexPage page;
  const json* items = nullptr;
  if (doc.is_array()) {
    items = &doc;
    page.count = static_cast<std::int64_t>(doc.size());
  } else if (const json* results = member(doc, "results"); results && results->is_array()) {
    items = results;
    if (const json* meta = member(doc, "meta")) {
      if (const json* c = member(*meta, "count"); c && c->is_number_integer()) {
        page.count = c->get<std::int64_t>();
      }
      page.next_cursor = str(*meta, "next_cursor");
    }
  } else if (doc.is_object() && doc.contains("id") && doc.contains("title")) {
    page.count = 1;
    page.results = 1;
    OpenAlexWork w;
    if (read_work(doc, ++ctx.index, ctx, w, util::trim(text))) {
      sink(std::move(w));
    }
    return page;
  }
  if (!items) {
    ctx.fail(1, "not an OpenAlex works answer (no results list and no work id)");
  }
  std::vector<std::string_view> texts;
  if (!doc.is_array() && !(detail::result_texts(text, texts) && texts.size() == items->size())) {
    texts.clear();
  }
  for (std::size_t n = 0; n < items->size(); ++n) {
    ++page.results;
    OpenAlexWork w;
    if (read_work((*items)[n], ++ctx.index, ctx, w, texts.empty() ? std::string_view() : texts[n])) {
      sink(std::move(w));
    }
  }
  return page;
}

void read_openalex_json(std::string_view text, ReadContext& ctx, const RecordSink& sink)
{
  read_openalex_page(text, ctx, [&](OpenAlexWork&& w) { sink(std::move(w.record)); });
}

} // namespace synth::formats
