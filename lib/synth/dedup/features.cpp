#include "synth/dedup/features.hpp"

#include "synth/util/text.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace synth::dedup {

namespace {

std::string roman_or_word_number(std::string_view w)
{
  static const std::array<std::pair<std::string_view, std::string_view>, 16> table = {{{"i", "1"},
                                                                                       {"ii", "2"},
                                                                                       {"iii", "3"},
                                                                                       {"iv", "4"},
                                                                                       {"v", "5"},
                                                                                       {"vi", "6"},
                                                                                       {"vii", "7"},
                                                                                       {"viii", "8"},
                                                                                       {"one", "1"},
                                                                                       {"two", "2"},
                                                                                       {"three", "3"},
                                                                                       {"four", "4"},
                                                                                       {"five", "5"},
                                                                                       {"first", "1"},
                                                                                       {"second", "2"},
                                                                                       {"third", "3"}}};
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

std::uint8_t part_of(const std::vector<std::string>& all_words)
{
  for (std::size_t i = 0; i + 1 < all_words.size(); ++i) {
    if (all_words[i] == "part" || all_words[i] == "pt") {
      if (auto n = roman_or_word_number(all_words[i + 1]); !n.empty() && n.size() <= 2) {
        return static_cast<std::uint8_t>(std::stoi(n));
      }
    }
  }
  return 0;
}

std::uint64_t key_of(std::string_view s)
{
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : s) {
    h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  }
  return h == 0 ? 1 : h;
}

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> prefixes)
{
  for (auto p : prefixes) {
    if (!s.empty() && s[0] == p[0] && s.size() >= p.size() && s.substr(0, p.size()) == p
        && (s.size() == p.size() || s[p.size()] == ' ')) {
      return true;
    }
  }
  return false;
}

// "effect of x on y erratum": the notice titled after its article ("... [Erratum]").
bool ends_with_word(std::string_view s, std::string_view word)
{
  return s.size() > word.size() && s.substr(s.size() - word.size()) == word && s[s.size() - word.size() - 1] == ' ';
}

bool raw_starts_with(std::string_view title, std::string_view prefix)
{
  auto t = util::trim(title);
  while (!t.empty() && (t.front() == '[' || t.front() == '(')) {
    t.remove_prefix(1);
  }
  return util::istarts_with(t, prefix);
}

// "\"Number of psychosocial strengths ...\": Correction." (PsycINFO's erratum notices):
// the raw title ends with `label` ("': correction"), whatever the case and final stop.
bool raw_ends_with_label(std::string_view title, std::string_view label)
{
  auto t = util::trim(title);
  while (!t.empty() && (t.back() == '.' || t.back() == ' ')) {
    t.remove_suffix(1);
  }
  return t.size() > label.size() && util::iequals(t.substr(t.size() - label.size()), label);
}

// One character of a folded title: 0..35 for a-z and 0-9, else a hash of its code point
// above that (a rare collision between two non-ASCII letters only blurs similarity).
std::uint32_t bigram_unit(std::string_view s, std::size_t& i)
{
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c >= 'a' && c <= 'z' ? c - 'a' : c >= '0' && c <= '9' ? 26 + (c - '0') : 36 + c;
  }
  std::size_t len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  std::uint32_t h = 0;
  for (std::size_t k = 0; k < len && i < s.size(); ++k, ++i) {
    h = h * 131 + static_cast<unsigned char>(s[i]);
  }
  return 256 + h;
}

// Two units -> 16 bits: every pair of ASCII letters and digits has its own code (0..1295);
// pairs with another character are hashed into the codes above.
std::uint16_t bigram_code(std::uint32_t a, std::uint32_t b)
{
  if (a < 36 && b < 36) {
    return static_cast<std::uint16_t>(a * 36 + b);
  }
  return static_cast<std::uint16_t>(1296 + (a * 2654435761u ^ b * 40503u) % (65536 - 1296));
}

bool is_recurring_title(const std::string& t, const std::vector<std::string>& words)
{
  static const std::array<std::string_view, 14> marks = {
    "editor",   "editors",   "editorial",       "preface",          "foreword",     "introduction", "issue",
    "contents", "reviewers", "acknowledgement", "acknowledgements", "announcement", "news",         "commentary"};
  if (starts_with_any(t, {"in this issue", "front matter", "back matter", "book review", "table of contents",
                          "letter from the editor"})) {
    return true;
  }
  if (words.size() > 8) {
    return false;
  }
  for (const auto& w : words) {
    if (w.size() >= 4 && std::find(marks.begin(), marks.end(), w) != marks.end()) {
      return true;
    }
  }
  return false;
}

TitleForm title_form(const std::string& folded, const std::vector<std::string>& all_words)
{
  TitleForm form;
  // Bigrams of the title without spaces: "ab cd" gives ab, bc, cd.
  form.bigrams.reserve(folded.size());
  std::uint32_t previous = 0;
  bool have_previous = false;
  for (std::size_t i = 0; i < folded.size();) {
    if (folded[i] == ' ') {
      ++i;
      continue;
    }
    auto unit = bigram_unit(folded, i);
    if (have_previous) {
      form.bigrams.push_back(bigram_code(previous, unit));
    }
    previous = unit;
    have_previous = true;
  }
  std::sort(form.bigrams.begin(), form.bigrams.end());
  form.words.reserve(all_words.size());
  for (const auto& w : all_words) {
    if (!is_stop_word(w)) {
      form.words.push_back(word_hash(w));
    }
  }
  return form;
}

// Journal words without stop words and numbers: "2007 International Conference on ..."
// and "... Conference, Vols 1-3" name one venue.
std::vector<std::string> journal_words(std::string_view journal)
{
  auto words = words_of(fold_text(journal), true);
  words.erase(std::remove_if(words.begin(), words.end(),
                             [](const std::string& w) {
                               return std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
                             }),
              words.end());
  return words;
}

std::uint64_t mix(std::uint64_t h, std::uint64_t v)
{
  return (h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2))) * 1099511628211ULL;
}

std::uint64_t fingerprint_of(const Features& f)
{
  const bool venue = !f.journal->empty() || !f.journal_abbrev->empty();
  const int fields = (f.authors.empty() ? 0 : 1) + (f.year != 0 ? 1 : 0) + (venue ? 1 : 0) + (f.volume != 0 ? 1 : 0)
                     + (f.first_page != 0 ? 1 : 0) + (f.doi_key != 0 || f.pmid_key != 0 ? 1 : 0);
  const bool long_title = f.words.size() >= 6 && !f.recurring;
  if (f.title.empty() || fields < (long_title ? 0 : 2) || (f.recurring && f.authors.empty() && f.first_page == 0)) {
    return 0;
  }
  std::uint64_t h = key_of(f.title);
  for (std::uint64_t v :
       {static_cast<std::uint64_t>(f.kind), static_cast<std::uint64_t>(f.part), static_cast<std::uint64_t>(f.year),
        f.doi_key, f.pmid_key, f.volume, f.issue, f.first_page, f.last_page, key_of(f.first_author)}) {
    h = mix(h, v);
  }
  for (auto a : f.authors) {
    h = mix(h, a);
  }
  for (const auto* words : {f.journal.get(), f.journal_abbrev.get()}) {
    for (const auto& w : *words) {
      h = mix(h, key_of(w));
    }
    h = mix(h, 0);
  }
  return h == 0 ? 1 : h;
}

// The family name (folded) and given names of an author, undoing what some exports do to
// them: the name written twice as family and given name ("Du LanFang, Du LanFang", CAB
// Abstracts: family name first, then given name), and an initial in the family field with
// the name in the given field, other names run into it ("J., Selkoe D. J.Hardy").
std::pair<std::string, std::string> author_name(const Author& author)
{
  auto family = fold_name(author.family);
  std::string given = author.given;
  if (!family.empty() && fold_name(given) == family) {
    auto space = family.find(' ');
    if (space != std::string::npos) {
      given = family.substr(space + 1);
      family.erase(space);
    } else {
      given.clear();
    }
  } else if (family.size() == 1) {
    auto name = util::trim(std::string_view(given).substr(0, given.find_first_of(" .,;")));
    if (fold_name(name).size() >= 2) {
      family = fold_name(name);
      given = std::string(author.family);
    }
  }
  return {family, given};
}

} // namespace

const char* kind_name(Kind kind)
{
  switch (kind) {
  case Kind::article:
    return "article";
  case Kind::conference:
    return "conference abstract";
  case Kind::erratum:
    return "erratum";
  case Kind::retraction:
    return "retraction notice";
  case Kind::comment:
    return "comment";
  }
  return "article";
}

Kind title_kind(const Record& record, const std::string& t)
{
  if (starts_with_any(t, {"erratum", "errata", "corrigendum", "corrigenda", "correction to", "published erratum",
                          "correction notice"})
      || t == "correction" || raw_starts_with(record.title, "correction:")
      || raw_ends_with_label(record.title, ": correction") || ends_with_word(t, "erratum")
      || ends_with_word(t, "corrigendum")) {
    return Kind::erratum;
  }
  if (starts_with_any(t, {"retraction", "notice of retraction", "retraction notice", "expression of concern"})
      || ends_with_word(t, "retraction")) {
    return Kind::retraction;
  }
  if (starts_with_any(t, {"comment on", "comments on", "commentary on", "reply", "in reply", "author reply",
                          "authors reply", "response to", "letter to the editor", "a reply"})
      || raw_starts_with(record.title, "re:")) {
    return Kind::comment;
  }
  return Kind::article;
}

Kind label_kind(const Record& record)
{
  const auto& type = record.type;
  if (type == "erratum") {
    return Kind::erratum;
  }
  if (type == "retraction") {
    return Kind::retraction;
  }
  if (type == "comment" || type == "letter") {
    return Kind::comment;
  }
  if (type == "conference") {
    return Kind::conference;
  }
  return Kind::article;
}

Kind record_kind(const Record& record, const std::string& t)
{
  auto own = title_kind(record, t);
  return own != Kind::article ? own : label_kind(record);
}

std::uint32_t word_hash(std::string_view word)
{
  std::uint32_t h = 2166136261u;
  for (char c : word) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

std::uint64_t number_key(std::string_view digits)
{
  std::uint64_t roman = 0;
  if (!digits.empty() && digits[0] == 'r') {
    roman = 1ULL << 62; // "r3" (page iii): apart from page 3
    digits.remove_prefix(1);
  }
  if (digits.empty() || digits.size() > 18) {
    return 0;
  }
  std::uint64_t n = 0;
  for (char c : digits) {
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return (n + 1) | roman;
}

std::shared_ptr<const std::vector<std::string>> JournalCache::words(const std::string& journal)
{
  auto it = m_words.find(journal);
  if (it == m_words.end()) {
    it = m_words.emplace(journal, std::make_shared<const std::vector<std::string>>(journal_words(journal))).first;
  }
  return it->second;
}

Features features(const Record& record)
{
  JournalCache journals;
  return features(record, journals);
}

Features features(const Record& record, JournalCache& journals)
{
  Features f;
  auto cleaned = clean_title(record.title);
  f.title = fold_text(cleaned);
  auto all_words = words_of(f.title, false);
  f.part = part_of(all_words);
  f.kind = title_kind(record, f.title);
  if (f.kind == Kind::article) {
    f.kind = label_kind(record);
    f.labelled = f.kind != Kind::article;
  }
  f.in_book = record.type == "book-chapter" || record.type == "book";
  auto main = title_form(f.title, all_words);
  f.bigrams = std::move(main.bigrams);
  f.words = std::move(main.words);
  for (const auto& v : title_variants(cleaned)) {
    auto folded = fold_text(v);
    f.variants.push_back(title_form(folded, words_of(folded, false)));
  }
  f.translated = (cleaned.find('[') != std::string::npos && translated_title(cleaned)) || foreign_words(all_words)
                 || (!record.language.empty() && record.language != "eng");
  f.doi = canonical_doi(record.doi);
  f.doi_key = f.doi.empty() ? 0 : key_of(f.doi);
  f.pmid = record.pmid;
  f.pmid_key = f.pmid.empty() ? 0 : key_of(f.pmid);

  std::string previous;
  for (std::size_t i = 0; i < record.authors.size() && i < 12; ++i) {
    auto [fam, given_name] = author_name(record.authors[i]);
    std::string name = fam;
    name += '|';
    name += given_name;
    if (fam.empty() || name == previous) {
      continue; // a name written twice in a row ("Du LanFang; Du LanFang")
    }
    previous = std::move(name);
    auto space = fam.rfind(' ');
    auto last = space == std::string::npos ? fam : fam.substr(space + 1);
    f.authors.push_back(word_hash(last));
    if (f.first_author.empty()) {
      f.first_author_last = last;
      // "de Jong" and "De-Jong" compare as "dejong".
      fam.erase(std::remove(fam.begin(), fam.end(), ' '), fam.end());
      f.first_author = std::move(fam);
      auto given = words_of(fold_text(given_name), false);
      if (!given.empty() && given.front().size() >= 3) {
        f.first_given = given.front();
      }
      for (const auto& g : given) {
        f.first_initials += g[0];
      }
    }
  }
  f.journal = journals.words(record.journal);
  f.journal_abbrev = journals.words(record.journal_abbrev);
  f.year = record.year.value_or(0);
  f.volume = number_key(volume_number(record.volume, f.year));
  f.recurring = record.type == "editorial" || record.type == "news" || is_recurring_title(f.title, all_words);
  auto pages = parse_pages(record.pages);
  {
    auto p = util::trim(record.pages);
    f.article_number = p.size() >= 2 && (p[0] == 'e' || p[0] == 'E') && p[1] >= '0' && p[1] <= '9'
                       && p.find('-') == std::string_view::npos;
  }
  f.first_page = number_key(pages.first);
  f.last_page = number_key(pages.last);
  for (const auto& p : pages.starts) {
    f.page_starts.push_back(number_key(p));
  }
  auto issue = fold_text(record.issue);
  f.issue = issue.empty() ? 0 : key_of(issue);
  if (auto at = issue.find("suppl"); at != std::string::npos) {
    auto d = issue.find_first_of("0123456789", at);
    if (d != std::string::npos) {
      auto e = issue.find_first_not_of("0123456789", d);
      f.supplement = number_key(std::string_view(issue).substr(d, e == std::string::npos ? e : e - d));
    }
  }
  f.fingerprint = fingerprint_of(f);
  return f;
}

} // namespace synth::dedup
