#include "synth/rank/tfidf.hpp"

#include "synth/dedup/normalise.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <utility>

namespace synth::rank {

std::vector<std::string> tokens(std::string_view text)
{
  std::vector<std::string> out;
  std::string folded = dedup::fold_text(text);
  std::size_t i = 0;
  while (i < folded.size()) {
    auto end = folded.find(' ', i);
    if (end == std::string::npos) {
      end = folded.size();
    }
    if (end - i >= 2) {
      out.emplace_back(folded, i, end - i);
    }
    i = end + 1;
  }
  return out;
}

SparseRows tfidf(const std::vector<std::string>& texts, const TfidfOptions& options)
{
  // Terms are numbered as first seen: words by their string, bigrams by the pair of word
  // numbers, so that no bigram string is ever built.
  std::unordered_map<std::string, std::uint32_t> words;
  std::unordered_map<std::uint64_t, std::uint32_t> bigrams;
  std::vector<std::uint32_t> df;
  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> counts(texts.size()); // term, tf
  auto term_of_word = [&](const std::string& w) {
    auto [it, added] = words.try_emplace(w, static_cast<std::uint32_t>(df.size()));
    if (added) {
      df.push_back(0);
    }
    return it->second;
  };
  std::vector<std::uint32_t> terms;
  for (std::size_t r = 0; r < texts.size(); ++r) {
    auto toks = tokens(texts[r]);
    terms.clear();
    std::uint32_t prev = 0;
    for (std::size_t i = 0; i < toks.size(); ++i) {
      std::uint32_t t = term_of_word(toks[i]);
      terms.push_back(t);
      if (options.max_ngram >= 2 && i > 0) {
        std::uint64_t key = std::uint64_t{prev} << 32 | t;
        auto [it, added] = bigrams.try_emplace(key, static_cast<std::uint32_t>(df.size()));
        if (added) {
          df.push_back(0);
        }
        terms.push_back(it->second);
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
