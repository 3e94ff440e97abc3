#include "synth/rank/tfidf.hpp"

#include "synth/dedup/normalise.hpp"
#include "synth/util/text.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <utility>

namespace synth::rank {

namespace {

// Term numbers by key, open addressing: a flat table is several times faster than
// std::unordered_map for the hundreds of thousands of bigrams of a large set.
class TermTable
{
public:
  TermTable() : m_slots(1 << 16) {}

  // The number of `key`, or `next` (then stored) when it is new.
  std::uint32_t find_or_add(std::uint64_t key, std::uint32_t next, bool& added)
  {
    if (2 * (m_size + 1) > m_slots.size()) {
      grow();
    }
    std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = mix(key) & mask;; i = (i + 1) & mask) {
      Slot& s = m_slots[i];
      if (s.key == key) {
        added = false;
        return s.value;
      }
      if (s.key == k_empty) {
        s = {key, next};
        ++m_size;
        added = true;
        return next;
      }
    }
  }

private:
  static constexpr std::uint64_t k_empty = ~std::uint64_t{0};
  struct Slot
  {
    std::uint64_t key = k_empty;
    std::uint32_t value = 0;
  };
  static std::size_t mix(std::uint64_t k)
  {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return static_cast<std::size_t>(k);
  }
  void grow()
  {
    std::vector<Slot> slots(m_slots.size() * 2);
    std::size_t mask = slots.size() - 1;
    for (const Slot& s : m_slots) {
      if (s.key == k_empty) {
        continue;
      }
      std::size_t i = mix(s.key) & mask;
      while (slots[i].key != k_empty) {
        i = (i + 1) & mask;
      }
      slots[i] = s;
    }
    m_slots.swap(slots);
  }
  std::vector<Slot> m_slots;
  std::size_t m_size = 0;
};

struct StringHash
{
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// The words of folded text (views into it), one-character words left out.
void words_of(std::string_view folded, std::vector<std::string_view>& out)
{
  out.clear();
  std::size_t i = 0;
  while (i < folded.size()) {
    auto end = folded.find(' ', i);
    if (end == std::string_view::npos) {
      end = folded.size();
    }
    if (end - i >= 2) {
      out.push_back(folded.substr(i, end - i));
    }
    i = end + 1;
  }
}

} // namespace

std::vector<std::string> tokens(std::string_view text)
{
  std::string folded = dedup::fold_text(text);
  std::vector<std::string_view> words;
  words_of(folded, words);
  return {words.begin(), words.end()};
}

SparseRows tfidf(const std::vector<std::string>& texts, const TfidfOptions& options)
{
  // Terms are numbered as first seen: words by their string, bigrams by the pair of word
  // numbers, so that no bigram string is ever built.
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> words;
  TermTable bigrams;
  std::vector<std::uint32_t> df;
  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> counts(texts.size()); // term, tf
  auto term_of_word = [&](std::string_view w) {
    if (auto it = words.find(w); it != words.end()) {
      return it->second;
    }
    auto t = static_cast<std::uint32_t>(df.size());
    words.emplace(std::string(w), t);
    df.push_back(0);
    return t;
  };
  std::vector<std::uint32_t> terms;
  std::vector<std::string_view> toks;
  for (std::size_t r = 0; r < texts.size(); ++r) {
    std::string folded = options.fold_spelling ? dedup::fold_text(texts[r]) : util::fold(texts[r]);
    words_of(folded, toks);
    terms.clear();
    std::uint32_t prev = 0;
    for (std::size_t i = 0; i < toks.size(); ++i) {
      std::uint32_t t = term_of_word(toks[i]);
      terms.push_back(t);
      if (options.max_ngram >= 2 && i > 0) {
        std::uint64_t key = std::uint64_t{prev} << 32 | t;
        bool added = false;
        terms.push_back(bigrams.find_or_add(key, static_cast<std::uint32_t>(df.size()), added));
        if (added) {
          df.push_back(0);
        }
      }
      prev = t;
    }
    std::sort(terms.begin(), terms.end());
    auto& row = counts[r];
    for (std::size_t i = 0; i < terms.size();) {
      std::size_t j = i;
      while (j < terms.size() && terms[j] == terms[i]) {
        ++j;
      }
      row.emplace_back(terms[i], static_cast<std::uint32_t>(j - i));
      ++df[terms[i]];
      i = j;
    }
  }

  // Columns: the terms kept (df within max_df), in order of first appearance.
  const double n = static_cast<double>(texts.size());
  const double max_docs = options.max_df * n;
  std::vector<std::uint32_t> column(df.size(), UINT32_MAX);
  std::vector<double> idf;
  for (std::size_t t = 0; t < df.size(); ++t) {
    if (static_cast<double>(df[t]) <= max_docs) {
      column[t] = static_cast<std::uint32_t>(idf.size());
      idf.push_back(std::log((1.0 + n) / (1.0 + df[t])) + 1.0);
    }
  }

  SparseRows m;
  m.n_columns = idf.size();
  m.row_start.reserve(texts.size() + 1);
  std::vector<std::pair<std::uint32_t, double>> row_values;
  for (const auto& row : counts) {
    row_values.clear();
    double norm = 0;
    for (auto [t, tf] : row) {
      if (column[t] == UINT32_MAX) {
        continue;
      }
      double w = options.sublinear_tf ? 1.0 + std::log(static_cast<double>(tf)) : static_cast<double>(tf);
      w *= idf[column[t]];
      norm += w * w;
      row_values.emplace_back(column[t], w);
    }
    std::sort(row_values.begin(), row_values.end());
    norm = norm > 0 ? 1.0 / std::sqrt(norm) : 0.0;
    for (auto [c, w] : row_values) {
      m.columns.push_back(c);
      m.values.push_back(w * norm);
    }
    m.row_start.push_back(m.columns.size());
  }
  return m;
}

} // namespace synth::rank
