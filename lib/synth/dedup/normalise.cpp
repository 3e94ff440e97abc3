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
    std::size_t out = 0;
    for (std::size_t i = 0; i < w.size(); ++i) {
      bool drop = (w[i] == 'a' || w[i] == 'o') && i + 1 < w.size() && w[i + 1] == 'e';
      if (!drop) {
        w[out++] = w[i];
      }
    }
    w.resize(out);
  }
  if (w.size() >= 6 && ends_with(w, "our")) {
    w.erase(w.size() - 2, 1); // labour -> labor
    return;
  }
  if (w.size() >= 5 && (ends_with(w, "tre") || ends_with(w, "tres"))) {
    auto p = w.rfind("tre");
    w.replace(p, 3, "ter"); // centre -> center
    return;
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
