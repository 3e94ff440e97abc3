#include "synth/dedup/features.hpp"

#include "synth/util/text.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace synth::dedup {

namespace {

constexpr std::array<std::string_view, 30> k_stop_words = {
  "a",   "an",  "the", "of",  "in",   "on",  "and", "for", "to",  "with",
  "by",  "at",  "from", "is", "are",  "as",  "its", "or",  "into", "de",
  "la",  "le",  "et",  "der", "die",  "und", "el",  "en",  "du",  "des"};

bool is_stop_word(std::string_view w)
{
  return std::find(k_stop_words.begin(), k_stop_words.end(), w) != k_stop_words.end();
}

std::vector<std::string> words_of(std::string_view folded, bool drop_stop_words)
{
  std::vector<std::string> out;
  for (auto w : util::split(folded, ' ')) {
    if (w.empty() || (drop_stop_words && is_stop_word(w))) {
      continue;
    }
    out.emplace_back(w);
  }
  return out;
}

std::string digits_of(std::string_view s)
{
  // The first run of digits, without leading zeros.
  std::size_t i = 0;
  while (i < s.size() && (s[i] < '0' || s[i] > '9')) {
    ++i;
  }
  std::size_t j = i;
  while (j < s.size() && s[j] >= '0' && s[j] <= '9') {
    ++j;
  }
  while (i + 1 < j && s[i] == '0') {
    ++i;
  }
  return std::string(s.substr(i, j - i));
}

std::string roman_or_word_number(std::string_view w)
{
  static const std::array<std::pair<std::string_view, std::string_view>, 16> table = {{
    {"i", "1"}, {"ii", "2"}, {"iii", "3"}, {"iv", "4"}, {"v", "5"}, {"vi", "6"},
    {"vii", "7"}, {"viii", "8"}, {"one", "1"}, {"two", "2"}, {"three", "3"}, {"four", "4"},
    {"five", "5"}, {"first", "1"}, {"second", "2"}, {"third", "3"}}};
  if (!w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::string(w);
  }
  for (const auto& [k, v] : table) {
    if (w == k) {
      return std::string(v);
    }
  }
  return {};
}

std::string part_of(const std::vector<std::string>& all_words)
{
  for (std::size_t i = 0; i + 1 < all_words.size(); ++i) {
    if (all_words[i] == "part" || all_words[i] == "pt") {
      if (auto n = roman_or_word_number(all_words[i + 1]); !n.empty()) {
        return n;
      }
    }
  }
  return {};
}

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> prefixes)
{
  for (auto p : prefixes) {
    if (s.size() >= p.size() && s.substr(0, p.size()) == p
        && (s.size() == p.size() || s[p.size()] == ' ')) {
      return true;
    }
  }
  return false;
}

bool raw_starts_with(std::string_view title, std::string_view prefix)
{
  auto t = util::trim(title);
  while (!t.empty() && (t.front() == '[' || t.front() == '(')) {
    t.remove_prefix(1);
  }
  return util::istarts_with(t, prefix);
}

std::uint32_t utf8_bigram_unit(std::string_view s, std::size_t& i)
{
  // One code unit sequence packed into 32 bits is too wide for a bigram: hash each code
  // point to 16 bits instead (collisions only blur similarity, they never merge alone).
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  std::uint32_t h = 0;
  for (std::size_t k = 0; k < len && i < s.size(); ++k, ++i) {
    h = h * 131 + static_cast<unsigned char>(s[i]);
  }
  return len == 1 ? h : 0x100 + (h % 0xFF00);
}

bool is_recurring_title(const std::string& t, const std::vector<std::string>& words)
{
  static const std::array<std::string_view, 14> marks = {
    "editor", "editors", "editorial", "preface", "foreword", "introduction", "issue",
    "contents", "reviewers", "acknowledgement", "acknowledgements", "announcement", "news",
    "commentary"};
  if (starts_with_any(t, {"in this issue", "front matter", "back matter", "book review",
                          "table of contents", "letter from the editor"})) {
    return true;
  }
  if (words.size() > 8) {
    return false;
  }
  for (const auto& w : words) {
    if (std::find(marks.begin(), marks.end(), w) != marks.end()) {
      return true;
    }
  }
  return false;
}

} // namespace

const char* kind_name(Kind kind)
{
  switch (kind) {
  case Kind::article: return "article";
  case Kind::conference: return "conference abstract";
  case Kind::erratum: return "erratum";
  case Kind::retraction: return "retraction notice";
  case Kind::comment: return "comment";
  }
  return "article";
}

std::pair<std::string, std::string> normalise_pages(std::string_view pages)
{
  auto dash = pages.find_first_of("-\xe2");
  std::string_view first = pages.substr(0, dash);
  std::string_view rest = dash == std::string_view::npos ? std::string_view{} : pages.substr(dash);
  std::string a = digits_of(first);
  std::string b = digits_of(rest);
  if (!a.empty() && !b.empty() && b.size() < a.size()) {
    std::string full(a, 0, a.size() - b.size()); // 1112-9 -> 1119
    full.append(b);
    b = std::move(full);
  }
  if (b == a) {
    b.clear();
  }
  return {a, b};
}

Kind record_kind(const Record& record, const std::string& t)
{
  const auto& type = record.type;
  if (type == "erratum"
      || starts_with_any(t, {"erratum", "errata", "corrigendum", "corrigenda", "correction to",
                             "published erratum", "correction notice"})
      || raw_starts_with(record.title, "correction:")) {
    return Kind::erratum;
  }
  if (type == "retraction"
      || starts_with_any(t, {"retraction", "notice of retraction", "retraction notice",
                             "expression of concern"})) {
    return Kind::retraction;
  }
  if (type == "comment" || type == "letter"
      || starts_with_any(t, {"comment on", "comments on", "commentary on", "reply", "in reply",
                             "author reply", "authors reply", "response to",
                             "letter to the editor", "a reply"})
      || raw_starts_with(record.title, "re:")) {
    return Kind::comment;
  }
  if (type == "conference") {
    return Kind::conference;
  }
  return Kind::article;
}

Features features(const Record& record)
{
  Features f;
  f.title = util::fold(util::strip_markup(record.title));
  auto all_words = words_of(f.title, false);
  f.words = words_of(f.title, true);
  f.part = part_of(all_words);
  f.kind = record_kind(record, f.title);

  std::string compact;
  compact.reserve(f.title.size());
  for (char c : f.title) {
    if (c != ' ') {
      compact += c;
    }
  }
  std::vector<std::uint32_t> units;
  units.reserve(compact.size());
  for (std::size_t i = 0; i < compact.size();) {
    units.push_back(utf8_bigram_unit(compact, i));
  }
  f.bigrams.reserve(units.size());
  for (std::size_t i = 0; i + 1 < units.size(); ++i) {
    f.bigrams.push_back(units[i] << 16 | units[i + 1]);
  }
  std::sort(f.bigrams.begin(), f.bigrams.end());

  for (std::size_t i = 0; i < record.authors.size() && i < 12; ++i) {
    auto fam = util::fold(record.authors[i].family);
    // "de Jong" and "De-Jong" compare as "dejong".
    fam.erase(std::remove(fam.begin(), fam.end(), ' '), fam.end());
    if (!fam.empty()) {
      f.authors.push_back(std::move(fam));
    }
  }
  if (!f.authors.empty()) {
    f.first_author = f.authors.front();
  }
  f.journal = words_of(util::fold(record.journal), true);
  f.journal_abbrev = words_of(util::fold(record.journal_abbrev), true);
  // A volume is compared only when it is a plain number ("36", not "1)" or "36 Suppl").
  auto vol = util::trim(record.volume);
  if (!vol.empty() && std::all_of(vol.begin(), vol.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    f.volume = digits_of(vol);
  }
  f.recurring = record.type == "editorial" || record.type == "news"
                || is_recurring_title(f.title, all_words);
  auto [first, last] = normalise_pages(record.pages);
  f.first_page = std::move(first);
  f.last_page = std::move(last);
  f.year = record.year.value_or(0);
  return f;
}

} // namespace synth::dedup
