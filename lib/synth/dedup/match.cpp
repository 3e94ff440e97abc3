#include "synth/dedup/match.hpp"

#include <algorithm>
#include <functional>

namespace synth::dedup {

namespace {

bool is_prefix(const std::string& shorter, const std::string& longer)
{
  return shorter.size() <= longer.size() && longer.compare(0, shorter.size(), shorter) == 0;
}

// "orthop" ~ "orthopaedic" (prefix), "dtsch" ~ "deutsche" (same first letter, the rest
// in order): how journal abbreviations are made.
bool word_match(const std::string& a, const std::string& b)
{
  if (is_prefix(a, b) || is_prefix(b, a)) {
    return true;
  }
  const auto& s = a.size() < b.size() ? a : b;
  const auto& l = a.size() < b.size() ? b : a;
  if (s.size() < 3 || s[0] != l[0]) {
    return false;
  }
  std::size_t j = 0;
  for (char c : s) {
    j = l.find(c, j);
    if (j == std::string::npos) {
      return false;
    }
    ++j;
  }
  return true;
}

bool ordered_match(const std::vector<std::string>& shorter, const std::vector<std::string>& longer)
{
  std::size_t j = 0;
  for (const auto& w : shorter) {
    while (j < longer.size() && !word_match(w, longer[j])) {
      ++j;
    }
    if (j == longer.size()) {
      return false;
    }
    ++j;
  }
  return true;
}

// "jthoraccardiovascsurg" = prefixes of "journal thoracic cardiovascular surgery" run together.
bool run_together(const std::string& compact, const std::vector<std::string>& words)
{
  std::vector<char> failed((compact.size() + 1) * (words.size() + 1), 0);
  std::function<bool(std::size_t, std::size_t)> seg = [&](std::size_t pos, std::size_t from) {
    if (pos == compact.size()) {
      return true;
    }
    auto& memo = failed[pos * (words.size() + 1) + from];
    if (memo) {
      return false;
    }
    for (std::size_t j = from; j < words.size(); ++j) {
      const auto& w = words[j];
      std::size_t k = 0;
      while (k < w.size() && pos + k < compact.size() && w[k] == compact[pos + k]) {
        ++k;
      }
      for (; k >= 1; --k) {
        if (seg(pos + k, j + 1)) {
          return true;
        }
      }
    }
    memo = 1;
    return false;
  };
  return seg(0, 0);
}

bool acronym_of(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
  if (b.size() < 3) {
    return false;
  }
  std::string initials;
  for (const auto& w : b) {
    initials += w[0];
  }
  return std::find(a.begin(), a.end(), initials) != a.end();
}

template <typename Fn>
bool any_form_pair(const Features& a, const Features& b, Fn fn)
{
  // Form 0 is the title, form k > 0 the translation variants[k - 1].
  auto bigrams = [](const Features& f, std::size_t k) { return k == 0 ? &f.bigrams : &f.variants[k - 1].bigrams; };
  auto words = [](const Features& f, std::size_t k) { return k == 0 ? &f.words : &f.variants[k - 1].words; };
  for (std::size_t x = 0; x <= a.variants.size(); ++x) {
    for (std::size_t y = 0; y <= b.variants.size(); ++y) {
      if (fn(std::pair(bigrams(a, x), words(a, x)), std::pair(bigrams(b, y), words(b, y)))) {
        return true;
      }
    }
  }
  return false;
}

} // namespace

double dice(const std::vector<std::uint16_t>& a, const std::vector<std::uint16_t>& b)
{
  if (a.empty() && b.empty()) {
    return 1.0;
  }
  std::size_t i = 0;
  std::size_t j = 0;
  std::size_t common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(a.size() + b.size());
}

double title_similarity(const Features& a, const Features& b)
{
  double best = dice(a.bigrams, b.bigrams);
  if (a.variants.empty() && b.variants.empty()) {
    return best;
  }
  any_form_pair(a, b, [&](const auto& x, const auto& y) {
    best = std::max(best, dice(*x.first, *y.first));
    return false;
  });
  return best;
}

bool title_contained(const Features& a, const Features& b, std::size_t min_words)
{
  return any_form_pair(a, b, [&](const auto& x, const auto& y) {
    const auto& s = x.second->size() <= y.second->size() ? *x.second : *y.second;
    const auto& l = x.second->size() <= y.second->size() ? *y.second : *x.second;
    return s.size() >= min_words && std::search(l.begin(), l.end(), s.begin(), s.end()) != l.end();
  });
}

bool journal_match(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
  if (a.empty() || b.empty()) {
    return false;
  }
  if (a.size() <= b.size() ? ordered_match(a, b) : ordered_match(b, a)) {
    return true;
  }
  if ((a.size() == 1 && a[0].size() >= 8 && b.size() >= 2 && run_together(a[0], b))
      || (b.size() == 1 && b[0].size() >= 8 && a.size() >= 2 && run_together(b[0], a))) {
    return true;
  }
  return acronym_of(a, b) || acronym_of(b, a);
}

int journal_agreement(const Features& a, const Features& b)
{
  bool any_a = !a.journal->empty() || !a.journal_abbrev->empty();
  bool any_b = !b.journal->empty() || !b.journal_abbrev->empty();
  if (!any_a || !any_b) {
    return 0;
  }
  for (const auto* x : {a.journal.get(), a.journal_abbrev.get()}) {
    for (const auto* y : {b.journal.get(), b.journal_abbrev.get()}) {
      if (x->empty() || y->empty()) {
        continue;
      }
      if (x == y) {
        return 1; // one name, shared
      }
      if (journal_match(*x, *y)) {
        return 1;
      }
    }
  }
  return -1;
}

int author_agreement(const Features& a, const Features& b)
{
  if (a.first_author.empty() || b.first_author.empty()) {
    return 0;
  }
  if (names_equal(a.first_author, b.first_author)) {
    return 2;
  }
  // A particle or first part written by one source only: "De Botton" / "Botton".
  if (names_equal(a.first_author_last, b.first_author_last)
      && (names_equal(a.first_author, b.first_author_last) || names_equal(b.first_author, a.first_author_last))) {
    return 2;
  }
  const auto& s = a.first_author.size() < b.first_author.size() ? a.first_author : b.first_author;
  const auto& l = a.first_author.size() < b.first_author.size() ? b.first_author : a.first_author;
  if (s.size() >= 4 && is_prefix(s, l)) {
    return 1;
  }
  if ((!a.first_given.empty() && names_equal(a.first_given, b.first_author))
      || (!b.first_given.empty() && names_equal(b.first_given, a.first_author))) {
    return 1; // family and given name swapped by one source
  }
  // Family name written first in one database and last in the other, both as initials
  // ("Xi, L F" and "Long, F X"): each family name's initial among the other's initials.
  if (a.first_initials.size() >= 2 && b.first_initials.size() >= 2
      && a.first_initials.find(b.first_author[0]) != std::string::npos
      && b.first_initials.find(a.first_author[0]) != std::string::npos) {
    return 1;
  }
  auto in = [](const std::string& name, const std::vector<std::uint32_t>& list) {
    return std::find(list.begin(), list.end(), word_hash(name)) != list.end();
  };
  if (in(a.first_author_last, b.authors) || in(b.first_author_last, a.authors)) {
    return 1;
  }
  return -1;
}

int page_agreement(const Features& a, const Features& b)
{
  if (a.first_page == 0 || b.first_page == 0) {
    return 0;
  }
  if (a.first_page == b.first_page) {
    return 1;
  }
  // An article number in one database, the article's own pages 1-6 in another: no place
  // to compare.
  if ((a.article_number && b.first_page == 2) || (b.article_number && a.first_page == 2)) {
    return 0;
  }
  if (!a.page_starts.empty() || !b.page_starts.empty()) {
    const std::vector<std::uint64_t> one_a{a.first_page};
    const std::vector<std::uint64_t> one_b{b.first_page};
    const auto& sa = a.page_starts.empty() ? one_a : a.page_starts;
    const auto& sb = b.page_starts.empty() ? one_b : b.page_starts;
    for (auto p : sa) {
      if (std::find(sb.begin(), sb.end(), p) != sb.end()) {
        return 1;
      }
    }
  }
  if (a.last_page > a.first_page && b.last_page > b.first_page
      && std::min(a.last_page, b.last_page) + 1 >= std::max(a.first_page, b.first_page) + 2) {
    return 0; // overlapping by two pages or more
  }
  return -1;
}

bool same_page_range(const Features& a, const Features& b)
{
  return a.first_page != 0 && a.last_page != 0 && a.first_page == b.first_page && a.last_page == b.last_page;
}

} // namespace synth::dedup
