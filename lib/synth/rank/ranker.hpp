#pragma once
// Ranking of pending records by a linear SVM trained on the decisions made so far
// (docs/rank.md): L2-regularised, squared hinge loss (liblinear's dual solver, as
// scikit-learn's LinearSVC), C 0.11 (ASReview's; 2.0 while more than a fifth of the
// labelled records are relevant), tolerance 1e-4 (LinearSVC's; 1e-3 at C 2.0), an
// intercept, and class weights that give the relevant records `balance_ratio` times the
// total weight of the irrelevant ones (ASReview's "balanced" sample weights). Pure: no
// I/O, no printing.
//
// Deterministic: the same features, decisions and seed give the same scores (liblinear's
// coordinate descent shuffles with rand(), which is seeded before each training).
#include "synth/rank/tfidf.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace synth::rank {

struct SvmOptions
{
  double c = 0.11;
  // C follows the share of relevant records among those labelled (docs/rank.md): above
  // c_high_share (relevant / labelled), the SVM is trained with c_high instead of c, to
  // the tolerance c_high_eps (the solver is slower at the larger C; the mean WSS@95 of
  // the eight labelled sets is the same to the digit as at 1e-4). c_high_share 0: c
  // always. Tuned on the five Cohen 2006 sets, checked on the three ASReview sets.
  double c_high_share = 0.2;
  double c_high = 2.0;
  double c_high_eps = 1e-3;
  double balance_ratio = 9.8; // total weight of relevant / total weight of irrelevant
  double eps = 1e-4;          // liblinear's stopping tolerance (LinearSVC's default)
  // NBSVM (Wang & Manning 2012, docs/rank.md): when nb_alpha > 0, each feature is scaled by
  // the naive-Bayes log-count ratio of the labelled records (`log_count_ratio`, smoothing
  // nb_alpha; counts of the records holding the feature when nb_binary, else sums of its
  // values; weighted by the balanced sample weights when nb_weighted), recomputed at each
  // training, and the SVM is trained on the scaled rows. The weights are then interpolated,
  // w' = (1 - nb_beta) * mean|w| + nb_beta * w. nb_alpha 0 (the default): the plain SVM.
  double nb_alpha = 0.0;
  double nb_beta = 1.0;
  bool nb_binary = true;
  bool nb_weighted = false; // the counts weighted by the balanced sample weights
};

// Whether the SVM is trained with c_high (and c_high_eps) rather than c (and eps) when
// `relevant` of `labelled` records are relevant: relevant / labelled > c_high_share, and
// c_high_share > 0.
bool svm_c_high(const SvmOptions& options, std::size_t relevant, std::size_t labelled);

// NBSVM's log-count ratio: r_j = log((alpha + p_j) / |alpha + p|_1) - log((alpha + q_j) /
// |alpha + q|_1), p and q the per-feature counts of the relevant and irrelevant records (of
// the same length; alpha > 0).
std::vector<double> log_count_ratio(const std::vector<double>& p, const std::vector<double>& q, double alpha);

// The multinomial naive Bayes beside the SVM (docs/rank.md) and how the two are combined:
// each model's scores are standardised over the records (mean 0, standard deviation 1) and
// the ranking score is (1 - weight) * svm + weight * nb. weight 0 (the default): the SVM
// alone. The ensemble tuned on the Cohen 2006 sets is `tuned_ensemble()` (weight 0.4); it
// is not the default because it did worse on the held-out sets (docs/rank.md).
struct NbOptions
{
  double weight = 0.0;
  double alpha = 3.822;       // additive (Lidstone) smoothing, ASReview's u3
  double balance_ratio = 2.0; // as SvmOptions::balance_ratio, for the naive Bayes
};

// synth's ranking model: the features and settings of both models.
struct ModelOptions
{
  TfidfOptions svm_features{};            // words and bigrams, sublinear tf, max_df 0.95
  TfidfOptions nb_features{1, 0.3, true}; // words only, sublinear tf, max_df 0.3
  SvmOptions svm{};
  NbOptions nb{};
};

// The ensemble tuned on the five Cohen 2006 sets: ModelOptions{} with the naive Bayes
// weighted 0.4.
ModelOptions tuned_ensemble();

// NBSVM as tuned on the five Cohen 2006 sets (docs/rank.md): ModelOptions{} with the SVM
// features scaled by the weighted, binary log-count ratio, alpha 3, C 0.03, no interpolation.
ModelOptions tuned_nbsvm();

// The models `synth simulate --model` names: "svm" (the default, ModelOptions{}),
// "ensemble" (tuned_ensemble()), "nb" (the naive Bayes alone, weight 1) and "nbsvm"
// (tuned_nbsvm()). nullopt for any other name.
std::optional<ModelOptions> model_named(std::string_view name);

// The names model_named knows, in that order.
const std::vector<std::string_view>& model_names();

// A record's decision: relevant, irrelevant or not yet screened.
enum class Label : std::int8_t { pending = -1, irrelevant = 0, relevant = 1 };

class Ranker
{
public:
  // The SVM alone, on `features` (one row per record).
  explicit Ranker(const SparseRows& features, SvmOptions options = {});

  // The SVM on `features` with the naive Bayes on `nb_features` (one row per record each),
  // combined as `nb` says.
  Ranker(const SparseRows& features, const SparseRows& nb_features, SvmOptions options, NbOptions nb);

  std::size_t size() const { return m_row.size(); }

  // The ranking score of every record (labelled ones too): the decision value of an SVM
  // trained on the labelled records, combined with the naive Bayes as NbOptions says. Without both a relevant and an
  // irrelevant record there is no model: the scores are a random permutation drawn from `seed`.
  std::vector<double> scores(const std::vector<Label>& labels, std::uint64_t seed) const;

  // The pending records, highest score first (ties: lower record number first).
  std::vector<std::size_t> ranked(const std::vector<Label>& labels, std::uint64_t seed) const;

  // The log-odds (relevant over irrelevant) of a multinomial naive Bayes trained on the
  // labelled records with the sample weights of NbOptions::balance_ratio; the same seeded
  // permutation as `scores` without both classes.
  std::vector<double> nb_scores(const std::vector<Label>& labels, std::uint64_t seed) const;

  // The scores of the SVM alone (as `scores` with NbOptions::weight 0).
  std::vector<double> svm_scores(const std::vector<Label>& labels, std::uint64_t seed) const;

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
  NbOptions m_nb;
  SparseRows m_nb_rows; // the naive Bayes features (empty: those of the SVM)
};

// The ranker synth uses (docs/rank.md): the features of `texts` (title, a space, abstract;
// one per record) and the models as `options` says (by default the SVM alone; the naive
// Bayes features are only built when its weight is above 0).
Ranker make_ranker(const std::vector<std::string>& texts, const ModelOptions& options = {});

// How many decisions to make before the next training, after `decisions` decisions: one
// for the first 100, then a batch growing with the decisions made (5 % of them).
std::size_t retrain_batch(std::size_t decisions);

} // namespace synth::rank
