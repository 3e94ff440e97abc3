#include "synth/dedup/normalise.hpp"

#include "synth/util/text.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace synth::dedup {

namespace {

// Folded (lower-case) letters that NFKD does not decompose, and Greek letters.
constexpr std::array<std::pair<std::string_view, std::string_view>, 34> k_letters = {
  {{"\xC3\xB8", "o"},     {"\xC3\xA6", "ae"},    {"\xC5\x93", "oe"},      {"\xC5\x82", "l"},       {"\xC4\x91", "d"},
   {"\xC3\xB0", "d"},     {"\xC3\xBE", "th"},    {"\xC4\xB1", "i"},       {"\xCE\xB1", "alpha"},   {"\xCE\xB2", "beta"},
   {"\xCE\xB3", "gamma"}, {"\xCE\xB4", "delta"}, {"\xCE\xB5", "epsilon"}, {"\xCE\xB6", "zeta"},    {"\xCE\xB7", "eta"},
   {"\xCE\xB8", "theta"}, {"\xCE\xB9", "iota"},  {"\xCE\xBA", "kappa"},   {"\xCE\xBB", "lambda"},  {"\xCE\xBC", "mu"},
   {"\xCE\xBD", "nu"},    {"\xCE\xBE", "xi"},    {"\xCE\xBF", "omicron"}, {"\xCF\x80", "pi"},      {"\xCF\x81", "rho"},
   {"\xCF\x82", "sigma"}, {"\xCF\x83", "sigma"}, {"\xCF\x84", "tau"},     {"\xCF\x85", "upsilon"}, {"\xCF\x86", "phi"},
   {"\xCF\x87", "chi"},   {"\xCF\x88", "psi"},   {"\xCF\x89", "omega"},   {"\xC3\x9F", "ss"}}};

constexpr std::array<std::string_view, 34> k_stop_words = {
  "a",  "an",   "the", "of", "in", "on", "and", "for", "to",  "with", "by", "at", "from", "is",  "are", "as", "its",
  "or", "into", "de",  "la", "le", "et", "der", "die", "und", "el",   "en", "du", "des",  "les", "del", "di", "das"};

void transliterate(std::string& s)
{
  if (std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return;
  }
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size();) {
    bool done = false;
    if (static_cast<unsigned char>(s[i]) >= 0x80) {
      for (const auto& [from, to] : k_letters) {
        if (s.compare(i, from.size(), from) == 0) {
          out += to;
          i += from.size();
          done = true;
          break;
        }
      }
    }
    if (!done) {
      out += s[i++];
    }
  }
  s = std::move(out);
}

bool ends_with(std::string_view w, std::string_view suffix)
{
  return w.size() >= suffix.size() && w.substr(w.size() - suffix.size()) == suffix;
}

// British -> American spelling of one ASCII word (see fold_text).
void americanise(std::string& w)
{
  if (w.size() >= 5) {
    // Right to left, so that an a or o is dropped before the e that follows once those
    // between are dropped: "gastrooesophageal" and "gastroesophageal" both lose every o
    // before the e and compare equal.
    std::size_t keep = w.size();
    for (std::size_t i = w.size(); i-- > 0;) {
      bool drop = (w[i] == 'a' || w[i] == 'o') && keep < w.size() && w[keep] == 'e';
      if (!drop) {
        w[--keep] = w[i];
      }
    }
    w.erase(0, keep);
  }
  // -our- before an ending or none: labour, labours, behavioural, favourable, neighbourhood.
  if (auto p = w.rfind("our"); w.size() >= 6 && p != std::string::npos && p >= 3) {
    std::string_view rest = std::string_view(w).substr(p + 3);
    for (std::string_view ending : {"",      "s",   "al",   "ally", "able", "ably", "ed",  "ing", "ings", "hood",
                                    "hoods", "ite", "ites", "ful",  "less", "er",   "ers", "ism", "ist",  "ists"}) {
      if (rest == ending) {
        w.erase(p + 1, 1); // labour -> labor, behavioural -> behavioral
        return;
      }
    }
  }
  if (w.size() >= 5) {
    for (std::string_view ending : {"tre", "tres", "bre", "bres"}) {
      if (ends_with(w, ending)) {
        auto p = w.size() - ending.size() + 1;
        std::swap(w[p], w[p + 1]); // centre -> center, fibre -> fiber
        return;
      }
    }
    if (ends_with(w, "tred")) {
      w.insert(w.size() - 3, 1, 'e'); // centred -> centered
      return;
    }
  }
  if (w.size() >= 6) {
    for (std::string_view suffix :
         {"isation", "isations", "ise", "ised", "ises", "ising", "yse", "ysed", "yses", "ysing"}) {
      if (ends_with(w, suffix)) {
        w[w.size() - suffix.size() + 1] = 'z'; // randomised -> randomized
        return;
      }
    }
  }
  // -ll- before -ed, -ing, -er after a single vowel: modelling, counselling, labelled.
  if (w.size() >= 7) {
    auto is_vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
    for (std::string_view ending : {"lled", "lling", "llings", "ller", "llers"}) {
      if (ends_with(w, ending)) {
        auto p = w.size() - ending.size(); // the first l
        if (p >= 2 && is_vowel(w[p - 1]) && !is_vowel(w[p - 2])) {
          w.erase(p, 1); // modelling -> modeling
        }
        return;
      }
    }
  }
  if (w == "programme" || w == "programmes") {
    w.erase(7, 2); // programme -> program
  } else if (w == "ageing") {
    w = "aging";
  }
}

} // namespace

bool is_stop_word(std::string_view w)
{
  static const ShortWords set(k_stop_words);
  return set.contains(w);
}

std::vector<std::string> words_of(std::string_view folded, bool drop_stop_words)
{
  std::vector<std::string> out;
  for (auto w : util::split(folded, ' ')) {
    if (!w.empty() && !(drop_stop_words && is_stop_word(w))) {
      out.emplace_back(w);
    }
  }
  return out;
}

std::string fold_text(std::string_view s)
{
  std::string folded = util::fold(s);
  transliterate(folded);
  std::string out;
  out.reserve(folded.size());
  std::string word;
  for (std::size_t i = 0; i < folded.size();) {
    auto end = folded.find(' ', i);
    if (end == std::string::npos) {
      end = folded.size();
    }
    if (end > i) {
      if (!out.empty()) {
        out += ' ';
      }
      bool ascii =
        end - i >= 5
        && std::all_of(folded.begin() + static_cast<std::ptrdiff_t>(i),
                       folded.begin() + static_cast<std::ptrdiff_t>(end), [](char c) { return c >= 'a' && c <= 'z'; });
      if (ascii) {
        word.assign(folded, i, end - i);
        americanise(word);
        out += word;
      } else {
        out.append(folded, i, end - i);
      }
    }
    i = end + 1;
  }
  return out;
}

std::string fold_name(std::string_view family)
{
  std::string out;
  std::size_t start = 0;
  // Fold the pieces between '?' separately so that the '?' survives folding.
  while (start <= family.size()) {
    auto q = family.find('?', start);
    auto piece = family.substr(start, q == std::string_view::npos ? std::string_view::npos : q - start);
    auto folded = util::fold(piece);
    transliterate(folded);
    out += folded;
    if (q == std::string_view::npos) {
      break;
    }
    out += '?';
    start = q + 1;
  }
  auto words = util::split(out, ' ');
  while (words.size() > 1) {
    auto w = words.back();
    if (w == "jr" || w == "sr" || w == "ii" || w == "iii" || w == "iv" || w == "2nd" || w == "3rd") {
      words.pop_back();
    } else {
      break;
    }
  }
  std::vector<std::string> kept(words.begin(), words.end());
  return util::join(kept, " ");
}

bool names_equal(std::string_view a, std::string_view b)
{
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i] && a[i] != '?' && b[i] != '?') {
      return false;
    }
  }
  return true;
}

} // namespace synth::dedup
