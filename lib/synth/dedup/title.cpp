// Titles as databases decorate them (see normalise.hpp: clean_title, title_variants).
#include "synth/dedup/normalise.hpp"

#include "synth/util/text.hpp"

#include <algorithm>
#include <array>

namespace synth::dedup {

namespace {

constexpr std::array<std::string_view, 24> k_greek = {
  "alpha", "beta", "gamma",   "delta", "epsilon", "zeta",  "eta", "theta",   "iota", "kappa", "lambda", "mu",
  "nu",    "xi",   "omicron", "pi",    "rho",     "sigma", "tau", "upsilon", "phi",  "chi",   "psi",    "omega"};

constexpr std::array<std::string_view, 10> k_accents = {"acute", "grave", "uml",   "circ",  "tilde",
                                                        "cedil", "ring",  "slash", "caron", "macr"};

constexpr std::array<std::string_view, 32> k_languages = {
  "english", "french",    "german",   "spanish", "italian",   "portuguese", "dutch",      "danish",
  "swedish", "norwegian", "finnish",  "polish",  "czech",     "slovak",     "hungarian",  "romanian",
  "russian", "ukrainian", "croatian", "serbian", "slovenian", "bulgarian",  "greek",      "turkish",
  "hebrew",  "arabic",    "persian",  "chinese", "japanese",  "korean",     "lithuanian", "icelandic"};

// Named entities that util::decode_entities leaves alone: Greek letters by name, accented
// Latin letters by their base letter, ligatures; other unknown names become a space.
std::string decode_named_entities(std::string_view s)
{
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto semi = s[i] == '&' ? s.find(';', i) : std::string_view::npos;
    if (semi == std::string_view::npos || semi - i > 12 || semi - i < 3) {
      out += s[i];
      continue;
    }
    auto name = s.substr(i + 1, semi - i - 1);
    if (!std::all_of(name.begin(), name.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); })) {
      out += s[i]; // numeric: util::decode_entities
      continue;
    }
    auto lower = util::to_lower(name);
    if (lower == "amp" || lower == "lt" || lower == "gt" || lower == "quot" || lower == "apos" || lower == "nbsp") {
      out += s[i];
      continue;
    }
    if (std::find(k_greek.begin(), k_greek.end(), lower) != k_greek.end()) {
      out += lower;
    } else if (lower == "szlig") {
      out += "ss";
    } else if (lower == "aelig" || lower == "oelig") {
      out += lower.substr(0, 2);
    } else if (std::find(k_accents.begin(), k_accents.end(), lower.substr(1)) != k_accents.end()) {
      out += name[0];
    } else {
      out += ' ';
    }
    i = semi;
  }
  return out;
}

std::size_t significant_words(std::string_view text) { return words_of(fold_text(text), true).size(); }

// A bracketed note that is not part of the title (see clean_title).
bool is_note(std::string_view content, bool trailing, std::size_t words_before)
{
  auto f = util::fold(content);
  if (f == "erratum" || f == "corrigendum" || f == "retraction") {
    return false; // the record is the notice itself (record_kind)
  }
  for (std::string_view p : {"erratum", "published erratum", "corrected", "abstract", "see comment", "comment in",
                             "article in", "in process citation", "retracted"}) {
    if (f.compare(0, p.size(), p) == 0) {
      return true;
    }
  }
  if (std::find(k_languages.begin(), k_languages.end(), f) != k_languages.end()) {
    return true;
  }
  return trailing && words_before >= 3 && util::split(f, ' ').size() <= 2;
}

// [begin, end) of the bracket opened at `open` (nested brackets included); an unclosed
// bracket runs to the end of the text.
std::size_t bracket_end(std::string_view s, std::size_t open)
{
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    depth += s[i] == '[' ? 1 : s[i] == ']' ? -1 : 0;
    if (depth == 0) {
      return i + 1;
    }
  }
  return s.size();
}

constexpr std::array<std::string_view, 16> k_english = {"the", "of", "and", "in",  "for",  "with", "on", "to",
                                                        "a",   "an", "is",  "are", "from", "by",   "at", "as"};

constexpr std::array<std::string_view, 52> k_foreign = {
  "und", "der",  "die", "das", "fur",   "zum", "zur", "des",  "mit", "von", "im",   "auf", "bei",
  "ein", "eine", "le",  "la",  "les",   "du",  "et",  "pour", "sur", "une", "dans", "au",  "aux",
  "par", "el",   "los", "las", "del",   "y",   "con", "para", "por", "em",  "da",   "do",  "dos",
  "na",  "uma",  "um",  "il",  "della", "di",  "nel", "per",  "gli", "het", "een",  "van", "voor"};

} // namespace

bool foreign_words(const std::vector<std::string>& folded_words)
{
  static const ShortWords english(k_english);
  static const ShortWords foreign(k_foreign);
  int en = 0;
  int other = 0;
  for (const auto& w : folded_words) {
    en += english.contains(w) ? 1 : 0;
    other += foreign.contains(w) ? 1 : 0;
  }
  return other >= 2 && other > en;
}

bool translated_title(std::string_view cleaned)
{
  auto t = util::trim(cleaned);
  while (!t.empty() && (t.front() == '"' || t.front() == '\'')) {
    t.remove_prefix(1);
  }
  if (!t.empty() && t.front() == '[' && util::fold(t.substr(bracket_end(t, 0))).empty()) {
    return true;
  }
  return foreign_words(words_of(util::fold(t), false));
}

std::string clean_title(std::string_view raw)
{
  if (raw.find_first_of("&<[") == std::string_view::npos) {
    return std::string(raw); // nothing to remove (fold ignores space and punctuation)
  }
  std::string s = util::decode_entities(decode_named_entities(raw));
  auto lower = util::to_lower(s);
  if (auto p = lower.find("<original>"); p != std::string::npos) {
    s.erase(p); // Embase: "English title. <ORIGINAL> ORIGINAL-LANGUAGE TITLE"
  }
  s = util::strip_markup(s);
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] != '[') {
      out += s[i++];
      continue;
    }
    auto end = bracket_end(s, i);
    auto content = std::string_view(s).substr(i + 1, end - i - 1);
    if (!content.empty() && content.back() == ']') {
      content.remove_suffix(1);
    }
    auto after = util::fold(std::string_view(s).substr(end));
    if (is_note(content, after.empty(), words_of(util::fold(out), false).size())) {
      i = end;
      continue;
    }
    out.append(s, i, end - i);
    i = end;
  }
  return util::collapse_space(out);
}

std::vector<std::string> title_variants(std::string_view cleaned)
{
  std::vector<std::string> out;
  if (cleaned.find_first_of("[;=") == std::string_view::npos) {
    return out;
  }
  // Translations in brackets: both the text in the brackets and outside them.
  std::string outside;
  std::vector<std::string> inside;
  for (std::size_t i = 0; i < cleaned.size();) {
    if (cleaned[i] != '[') {
      outside += cleaned[i++];
      continue;
    }
    auto end = bracket_end(cleaned, i);
    auto content = cleaned.substr(i + 1, end - i - 1);
    if (!content.empty() && content.back() == ']') {
      content.remove_suffix(1);
    }
    inside.emplace_back(content);
    outside += ' ';
    i = end;
  }
  if (!inside.empty() && significant_words(outside) >= 5) {
    for (auto& in : inside) {
      if (significant_words(in) >= 5) {
        out.push_back(in);
      }
    }
    if (!out.empty()) {
      out.push_back(outside);
    }
  }
  // Parallel titles: "Original; Translated", "Original = Translated".
  std::string text(cleaned);
  for (std::size_t p; (p = text.find(" = ")) != std::string::npos;) {
    text.replace(p, 3, ";");
  }
  auto parts = util::split(text, ';');
  if (parts.size() >= 2
      && std::all_of(parts.begin(), parts.end(), [](std::string_view p) { return significant_words(p) >= 5; })) {
    for (auto p : parts) {
      out.emplace_back(util::trim(p));
    }
  }
  return out;
}

} // namespace synth::dedup
