#pragma once
// TF-IDF features of title and abstract for ranking records (docs/rank.md). Pure, no I/O.
//
// Words are folded as dedup folds them (dedup::fold_text: Unicode folding, transliteration,
// British spellings made American), words of one character dropped; the features are the
// words and the pairs of consecutive words (bigrams). As scikit-learn's TfidfVectorizer with
// sublinear_tf, smooth_idf, max_df 0.95 and l2 norm: weight = (1 + ln tf) * (ln((1 + n) /
// (1 + df)) + 1), each row scaled to unit length; a term in more than max_df of the records
// is left out.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace synth::rank {

struct TfidfOptions
{
  int max_ngram = 2;    // 1: words only; 2: words and bigrams
  double max_df = 0.95; // terms in more than this fraction of the records are dropped
  bool sublinear_tf = true;
  // true: words folded as dedup folds them (the default). false: Unicode folding only
  // (util::fold: case, accents, punctuation), without transliteration or British-to-American
  // spellings: scikit-learn's words but for accents. Only benchmarks use false, to check that
  // synth's SVM is the scikit-learn peer's model (bench/rank/bench_same_model).
  bool fold_spelling = true;
};

// A sparse matrix in compressed rows: row r holds columns[row_start[r] .. row_start[r+1]),
// sorted by column, with their values. Columns are numbered from 0.
struct SparseRows
{
  std::vector<std::size_t> row_start{0};
  std::vector<std::uint32_t> columns;
  std::vector<double> values;
  std::size_t n_columns = 0;

  std::size_t rows() const { return row_start.size() - 1; }
};

// The folded words of one text (the tokens the features are made of).
std::vector<std::string> tokens(std::string_view text);

// One row per text.
SparseRows tfidf(const std::vector<std::string>& texts, const TfidfOptions& options = {});

} // namespace synth::rank
