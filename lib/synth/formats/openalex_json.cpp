#include "synth/formats/openalex_json.hpp"

#include "synth/core/normalise.hpp"
#include "synth/util/json.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <deque>
#include <optional>
#include <span>
#include <utility>

namespace synth::formats {

namespace {

using nlohmann::json;

constexpr std::int64_t k_max_position = 1'000'000;

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

// The keys of an OpenAlex work a Record (and chasing) reads, and inside them the keys read
// of their objects (or of the objects of their lists): the rest of a work (concepts, topics,
// locations, authorships' institutions ... most of its bytes; the raw text keeps them) is
// skipped by the scanner, never parsed. `inner` empty: the value is kept whole.
struct KeptKey
{
  std::string_view key;
  std::span<const KeptKey> inner;
};
constexpr KeptKey k_ids[] = {{"pmid", {}}};
constexpr KeptKey k_author[] = {{"display_name", {}}};
constexpr KeptKey k_authorship[] = {{"author", k_author}, {"raw_author_name", {}}};
constexpr KeptKey k_source[] = {{"display_name", {}}, {"issn_l", {}}};
constexpr KeptKey k_location[] = {{"source", k_source}, {"landing_page_url", {}}};
constexpr KeptKey k_biblio[] = {{"volume", {}}, {"issue", {}}, {"first_page", {}}, {"last_page", {}}};
constexpr KeptKey k_keyword[] = {{"display_name", {}}};
constexpr KeptKey k_mesh[] = {{"descriptor_name", {}}};
constexpr KeptKey k_work[] = {{"id", {}},
                              {"doi", {}},
                              {"ids", k_ids},
                              {"title", {}},
                              {"display_name", {}},
                              {"authorships", k_authorship},
                              {"publication_date", {}},
                              {"publication_year", {}},
                              {"primary_location", k_location},
                              {"biblio", k_biblio},
                              {"language", {}},
                              {"type", {}},
                              {"keywords", k_keyword},
                              {"mesh", k_mesh},
                              {"referenced_works", {}},
                              {"referenced_works_count", {}}};

// The entry of `key` (its text with the quotes) in `kept`; nullptr when it is not read. A key
// with an escape is kept whole (the parser decodes it and decides).
const KeptKey* kept_key(std::string_view quoted, std::span<const KeptKey> kept, bool& whole)
{
  auto key = quoted.substr(1, quoted.size() - 2);
  whole = key.find('\\') != std::string_view::npos;
  if (whole) {
    return nullptr;
  }
  for (const auto& k : kept) {
    if (k.key == key) {
      return &k;
    }
  }
  return nullptr;
}

std::size_t skip_space(std::string_view t, std::size_t i)
{
  while (i < t.size() && (t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t')) {
    ++i;
  }
  return i;
}

// The end (one past) of the JSON value starting at i, for text the JSON parser accepted;
// npos when it does not add up.
std::size_t value_end(std::string_view t, std::size_t i)
{
  if (i >= t.size()) {
    return std::string_view::npos;
  }
  if (t[i] == '"') {
    for (++i; i < t.size(); ++i) {
      if (t[i] == '\\') {
        ++i;
      } else if (t[i] == '"') {
        return i + 1;
      }
    }
    return std::string_view::npos;
  }
  if (t[i] == '{' || t[i] == '[') {
    std::size_t depth = 0;
    for (; i < t.size(); ++i) {
      char c = t[i];
      if (c == '"') {
        auto e = value_end(t, i);
        if (e == std::string_view::npos) {
          return e;
        }
        i = e - 1;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (--depth == 0) {
          return i + 1;
        }
      }
    }
    return std::string_view::npos;
  }
  while (i < t.size() && t[i] != ',' && t[i] != '}' && t[i] != ']' && t[i] != ' ' && t[i] != '\n' && t[i] != '\r'
         && t[i] != '\t') {
    ++i;
  }
  return i;
}

// The texts of the elements of the top-level "results" array of a page; false when the
// text is not such a page (then works are re-written from the parsed document).
bool result_texts(std::string_view t, std::vector<std::string_view>& out)
{
  bool have_results = false;
  std::size_t i = skip_space(t, 0);
  if (i >= t.size() || t[i] != '{') {
    return false;
  }
  i = skip_space(t, i + 1);
  while (i < t.size() && t[i] == '"') {
    auto key_end = value_end(t, i);
    if (key_end == std::string_view::npos) {
      return false;
    }
    auto key = t.substr(i + 1, key_end - i - 2);
    i = skip_space(t, key_end);
    if (i >= t.size() || t[i] != ':') {
      return false;
    }
    i = skip_space(t, i + 1);
    auto e = value_end(t, i);
    if (e == std::string_view::npos || e == i) {
      return false;
    }
    if (key == "results" && t[i] == '[') {
      if (have_results) {
        return false;
      }
      have_results = true;
      std::size_t j = skip_space(t, i + 1);
      while (j < e - 1) {
        auto end = value_end(t, j);
        if (end == std::string_view::npos || end == j || end > e - 1) {
          return false;
        }
        out.push_back(t.substr(j, end - j));
        j = skip_space(t, end);
        if (j < e - 1 && t[j] == ',') {
          j = skip_space(t, j + 1);
        } else if (j != e - 1) {
          return false;
        }
      }
    }
    i = skip_space(t, e);
    if (i < t.size() && t[i] == ',') {
      i = skip_space(t, i + 1);
    } else {
      break;
    }
  }
  return have_results && i < t.size() && t[i] == '}' && skip_space(t, i + 1) == t.size();
}

// The words of an abstract_inverted_index in position order (ties by word), joined by one
// space: what rebuild_abstract() gives from the parsed index, read straight from the text
// at `pos` (then set past the value) so that no JSON object of hundreds of keys is built
// per work (the hot spot of parsing OpenAlex pages). nullopt when the value is anything but
// null or a plain {"word": [integers]} object (a key with a control character or a bad escape,
// a number that is not a small integer ...): the caller then parses it, and the parser decides.
std::optional<std::string> abstract_from_text(std::string_view t, std::size_t& pos,
                                              std::vector<std::pair<std::int64_t, std::string_view>>& words,
                                              std::deque<std::string>& decoded)
{
  words.clear();
  decoded.clear();
  std::size_t i = pos;
  if (i >= t.size() || t[i] != '{') {
    auto e = value_end(t, i);
    if (e != std::string_view::npos && t.substr(i, e - i) == "null") {
      pos = e;
      return std::string();
    }
    return std::nullopt;
  }
  i = skip_space(t, i + 1);
  if (i < t.size() && t[i] == '}') {
    pos = i + 1;
    return std::string();
  }
  while (true) {
    if (i >= t.size() || t[i] != '"') {
      return std::nullopt;
    }
    std::size_t k = i + 1;
    bool escaped = false;
    while (k < t.size() && t[k] != '"') {
      auto c = static_cast<unsigned char>(t[k]);
      if (c < 0x20) {
        return std::nullopt;
      }
      if (c == '\\') {
        escaped = true;
        ++k;
      }
      ++k;
    }
    if (k >= t.size()) {
      return std::nullopt;
    }
    auto word = t.substr(i + 1, k - i - 1);
    if (escaped) { // a word with escapes ("\u00e9"): the JSON parser decodes it, or rejects it
      json key;
      if (util::parse_json(t.substr(i, k + 1 - i), key) || !key.is_string()) {
        return std::nullopt;
      }
      word = decoded.emplace_back(key.get<std::string>());
    }
    i = skip_space(t, k + 1);
    if (i >= t.size() || t[i] != ':') {
      return std::nullopt;
    }
    i = skip_space(t, i + 1);
    if (i >= t.size() || t[i] != '[') {
      return std::nullopt;
    }
    i = skip_space(t, i + 1);
    if (i < t.size() && t[i] == ']') {
      ++i;
    } else {
      while (true) {
        bool negative = i < t.size() && t[i] == '-';
        i += negative ? 1 : 0;
        std::size_t digits = 0;
        std::int64_t position = 0;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
          position = position * 10 + (t[i] - '0');
          ++digits;
          ++i;
        }
        if (digits == 0 || digits > 18 || (digits > 1 && t[i - digits] == '0')
            || (i < t.size() && (t[i] == '.' || t[i] == 'e' || t[i] == 'E'))) {
          return std::nullopt;
        }
        if (!negative && position <= k_max_position) {
          words.emplace_back(position, word);
        }
        i = skip_space(t, i);
        if (i < t.size() && t[i] == ',') {
          i = skip_space(t, i + 1);
          continue;
        }
        if (i < t.size() && t[i] == ']') {
          ++i;
          break;
        }
        return std::nullopt;
      }
    }
    i = skip_space(t, i);
    if (i < t.size() && t[i] == ',') {
      i = skip_space(t, i + 1);
      continue;
    }
    if (i < t.size() && t[i] == '}') {
      pos = i + 1;
      break;
    }
    return std::nullopt;
  }
  std::sort(words.begin(), words.end());
  std::size_t size = 0;
  for (const auto& w : words) {
    size += w.second.size() + 1;
  }
  std::string out;
  out.reserve(size);
  for (const auto& [position, word] : words) {
    if (word.empty()) {
      continue;
    }
    if (!out.empty()) {
      out += ' ';
    }
    out += word;
  }
  return out;
}

// A work's abstract_inverted_index as the scanner met it: rebuilt (`text`), or its text for
// the JSON parser (`inverted`, when abstract_from_text() gave up).
struct WorkAbstract
{
  bool seen = false;
  std::string text;
  std::string_view inverted;
  std::vector<std::pair<std::int64_t, std::string_view>> words; // scratch, reused
  std::deque<std::string> decoded;                              // the words with escapes, decoded
};

std::size_t reduce_object(std::string_view t, std::size_t i, std::span<const KeptKey> kept, std::string& out,
                          WorkAbstract* abstract);

// Appends the value at t[i] to `out`, its objects (and the objects of a list) reduced to
// the `kept` keys; returns the end of the value (npos when the text does not add up).
std::size_t reduce_value(std::string_view t, std::size_t i, std::span<const KeptKey> kept, std::string& out)
{
  if (i < t.size() && t[i] == '{') {
    return reduce_object(t, i, kept, out, nullptr);
  }
  if (i < t.size() && t[i] == '[') {
    out += '[';
    i = skip_space(t, i + 1);
    if (i < t.size() && t[i] == ']') {
      out += ']';
      return i + 1;
    }
    while (true) {
      std::size_t e = std::string_view::npos;
      if (i < t.size() && t[i] == '{') {
        e = reduce_object(t, i, kept, out, nullptr);
      } else {
        e = value_end(t, i);
        if (e != std::string_view::npos) {
          out.append(t.substr(i, e - i));
        }
      }
      if (e == std::string_view::npos || e == i) {
        return std::string_view::npos;
      }
      i = skip_space(t, e);
      if (i < t.size() && t[i] == ',') {
        out += ',';
        i = skip_space(t, i + 1);
      } else if (i < t.size() && t[i] == ']') {
        out += ']';
        return i + 1;
      } else {
        return std::string_view::npos;
      }
    }
  }
  auto e = value_end(t, i);
  if (e != std::string_view::npos) {
    out.append(t.substr(i, e - i));
  }
  return e;
}

// Appends the object at t[i] reduced to its `kept` keys (the other values skipped by the
// scanner, never parsed); returns its end (npos when the text does not add up). Of a work
// (`abstract` given), abstract_inverted_index is left out and read into `abstract`.
std::size_t reduce_object(std::string_view t, std::size_t i, std::span<const KeptKey> kept, std::string& out,
                          WorkAbstract* abstract)
{
  if (i >= t.size() || t[i] != '{') {
    return std::string_view::npos;
  }
  out += '{';
  i = skip_space(t, i + 1);
  bool first = true;
  while (i < t.size() && t[i] == '"') {
    auto key_end = value_end(t, i);
    if (key_end == std::string_view::npos) {
      return key_end;
    }
    auto key = t.substr(i, key_end - i);
    i = skip_space(t, key_end);
    if (i >= t.size() || t[i] != ':') {
      return std::string_view::npos;
    }
    i = skip_space(t, i + 1);
    std::size_t e = std::string_view::npos;
    bool whole = false;
    if (abstract && key == "\"abstract_inverted_index\"") {
      if (abstract->seen) {
        return std::string_view::npos; // twice: the parser decides which one counts
      }
      abstract->seen = true;
      e = i;
      if (auto text = abstract_from_text(t, e, abstract->words, abstract->decoded)) {
        abstract->text = std::move(*text);
      } else {
        e = value_end(t, i);
        abstract->inverted = e == std::string_view::npos ? std::string_view() : t.substr(i, e - i);
      }
    } else if (const KeptKey* k = kept_key(key, kept, whole); k || whole) {
      if (!first) {
        out += ',';
      }
      first = false;
      out.append(key).append(":");
      e = reduce_value(t, i, k ? k->inner : std::span<const KeptKey>(), out);
    } else {
      e = value_end(t, i);
    }
    if (e == std::string_view::npos || e == i) {
      return std::string_view::npos;
    }
    i = skip_space(t, e);
    if (i < t.size() && t[i] == ',') {
      i = skip_space(t, i + 1);
    } else {
      break;
    }
  }
  if (i >= t.size() || t[i] != '}') {
    return std::string_view::npos;
  }
  out += '}';
  return i + 1;
}

// A {"meta": ..., "results": [...]} page read in one pass of the scanner, each work reduced
// to the keys a Record uses before it is parsed (most of a work's bytes are lists synth does
// not read) and its abstract rebuilt from the text. nullopt, before anything is passed on,
// when the page is not that or anything does not add up: the caller then parses the page as
// a whole (and names any error's place).
std::optional<OpenAlexPage> read_fast(std::string_view t, ReadContext& ctx,
                                      const std::function<void(OpenAlexWork&&)>& sink)
{
  if (util::find_invalid_utf8(t)) {
    return std::nullopt;
  }
  std::vector<std::string_view> texts;
  std::vector<json> docs;
  std::vector<std::string> abstracts;
  std::string_view meta_text;
  std::string reduced;
  WorkAbstract abstract;
  bool have_results = false;
  // one work at t[j]: reduced, parsed, its abstract rebuilt; its end (npos: give up)
  auto read_one = [&](std::size_t j) {
    reduced.clear();
    abstract.seen = false;
    abstract.text.clear();
    abstract.inverted = {};
    auto end = reduce_object(t, j, k_work, reduced, &abstract);
    if (end == std::string_view::npos) {
      return end;
    }
    texts.push_back(t.substr(j, end - j));
    if (util::parse_json(reduced, docs.emplace_back())) {
      return std::string_view::npos;
    }
    if (!abstract.inverted.empty()) {
      json index;
      if (util::parse_json(abstract.inverted, index)) {
        return std::string_view::npos;
      }
      abstracts.push_back(rebuild_abstract(index));
    } else {
      abstracts.push_back(std::move(abstract.text));
    }
    return end;
  };
  std::size_t i = skip_space(t, 0);
  if (i >= t.size() || t[i] != '{') {
    return std::nullopt;
  }
  i = skip_space(t, i + 1);
  while (i < t.size() && t[i] == '"') {
    auto key_end = value_end(t, i);
    if (key_end == std::string_view::npos) {
      return std::nullopt;
    }
    auto key = t.substr(i + 1, key_end - i - 2);
    i = skip_space(t, key_end);
    if (i >= t.size() || t[i] != ':') {
      return std::nullopt;
    }
    i = skip_space(t, i + 1);
    std::size_t e = std::string_view::npos;
    if (key == "results" && i < t.size() && t[i] == '[') {
      if (have_results) {
        return std::nullopt;
      }
      have_results = true;
      std::size_t j = skip_space(t, i + 1);
      while (j < t.size() && t[j] != ']') {
        auto end = read_one(j);
        if (end == std::string_view::npos) {
          return std::nullopt;
        }
        j = skip_space(t, end);
        if (j < t.size() && t[j] == ',') {
          j = skip_space(t, j + 1);
        } else if (j >= t.size() || t[j] != ']') {
          return std::nullopt;
        }
      }
      e = j < t.size() ? j + 1 : std::string_view::npos;
    } else {
      e = value_end(t, i);
      if (key == "meta" && e != std::string_view::npos) {
        meta_text = t.substr(i, e - i);
      }
    }
    if (e == std::string_view::npos || e == i) {
      return std::nullopt;
    }
    i = skip_space(t, e);
    if (i < t.size() && t[i] == ',') {
      i = skip_space(t, i + 1);
    } else {
      break;
    }
  }
  if (!have_results || i >= t.size() || t[i] != '}' || skip_space(t, i + 1) != t.size() || meta_text.empty()) {
    return std::nullopt;
  }
  json meta;
  if (util::parse_json(meta_text, meta) || !meta.is_object()) {
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
        if (pos >= 0 && pos <= k_max_position) {
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
  if (!doc.is_array() && !(result_texts(text, texts) && texts.size() == items->size())) {
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
