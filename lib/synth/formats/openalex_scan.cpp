#include "synth/formats/openalex_scan.hpp"

#include "synth/util/json.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <span>

namespace synth::formats::detail {

namespace {

using nlohmann::json;

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
        if (!negative && position <= k_max_abstract_position) {
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

} // namespace

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

std::optional<std::string_view> scan_page(std::string_view t, const ScannedWork& work)
{
  std::string_view meta_text;
  std::string reduced;
  WorkAbstract abstract;
  bool have_results = false;
  // one work at t[j]: reduced, handed to `work`; its end (npos: give up)
  auto read_one = [&](std::size_t j) {
    reduced.clear();
    abstract.seen = false;
    abstract.text.clear();
    abstract.inverted = {};
    auto end = reduce_object(t, j, k_work, reduced, &abstract);
    if (end == std::string_view::npos || !work(t.substr(j, end - j), reduced, abstract)) {
      return std::string_view::npos;
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
  return meta_text;
}

} // namespace synth::formats::detail
