#pragma once
// Ranking of pending records by a linear SVM trained on the decisions made so far
// (docs/rank.md): L2-regularised, squared hinge loss (liblinear's dual solver, as
// scikit-learn's LinearSVC), C 0.1, an intercept, and class weights that give the relevant
// records `balance_ratio` times the total weight of the irrelevant ones (ASReview's
// "balanced" sample weights). Pure: no I/O, no printing.
//
// Deterministic: the same features, decisions and seed give the same scores (liblinear's
// coordinate descent shuffles with rand(), which is seeded before each training).
#include "synth/rank/tfidf.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace synth::rank {

struct SvmOptions
{
  double c = 0.1;
  double balance_ratio = 9.8; // total weight of relevant / total weight of irrelevant
  double eps = 0.01;          // liblinear's stopping tolerance
};

// A record's decision: relevant, irrelevant or not yet screened.
enum class Label : std::int8_t { pending = -1, irrelevant = 0, relevant = 1 };

class Ranker
{
public:
  explicit Ranker(const SparseRows& features, SvmOptions options = {});

  std::size_t size() const { return m_row.size(); }

  // The decision value of every record (labelled ones too) of an SVM trained on the
  // labelled records. Without both a relevant and an irrelevant record there is no model:
  // the scores are a random permutation drawn from `seed`.
  std::vector<double> scores(const std::vector<Label>& labels, std::uint64_t seed) const;

  // The pending records, highest score first (ties: lower record number first).
  std::vector<std::size_t> ranked(const std::vector<Label>& labels, std::uint64_t seed) const;

  // The same, of the `scores` given.
  static std::vector<std::size_t> order_pending(const std::vector<double>& scores, const std::vector<Label>& labels);

private:
  struct Node // layout of liblinear's feature_node
  {
    int index;
    double value;
  };
  std::vector<Node> m_nodes;      // every row: its features, the bias node, the end (-1)
  std::vector<std::size_t> m_row; // first node of each row
  int m_features = 0;             // columns + 1 (the bias)
  SvmOptions m_options;
};

// How many decisions to make before the next training, after `decisions` decisions: one
// for the first 100, then a batch growing with the decisions made (5 % of them).
std::size_t retrain_batch(std::size_t decisions);

} // namespace synth::rank
