#include "synth/rank/ranker.hpp"

#include <linear.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <mutex>
#include <numeric>
#include <random>
#include <stdexcept>

namespace synth::rank {

namespace {

void quiet(const char*) {}

// liblinear shuffles with the process-wide rand(): one training at a time.
std::mutex& train_mutex()
{
  static std::mutex m;
  return m;
}

// Scores without a model: a permutation drawn from the seed.
std::vector<double> random_scores(std::size_t n, std::uint64_t seed)
{
  std::vector<double> out(n);
  std::mt19937_64 rng(seed);
  for (auto& s : out) {
    s = static_cast<double>(rng() >> 11) / static_cast<double>(std::uint64_t{1} << 53);
  }
  return out;
}

// Whether there is at least one relevant and one irrelevant decision.
bool both_classes(const std::vector<Label>& labels, std::size_t& n_relevant, std::size_t& n_irrelevant)
{
  n_relevant = static_cast<std::size_t>(std::count(labels.begin(), labels.end(), Label::relevant));
  n_irrelevant = static_cast<std::size_t>(std::count(labels.begin(), labels.end(), Label::irrelevant));
  return n_relevant > 0 && n_irrelevant > 0;
}

// ASReview's "balanced" sample weights: the relevant records weigh `ratio` times the
// irrelevant ones in total, the mean weight is 1. {relevant, irrelevant}.
std::pair<double, double> balanced(std::size_t n_relevant, std::size_t n_irrelevant, double ratio)
{
  double w_rel = 1.0;
  double w_irr = static_cast<double>(n_relevant) / (ratio * static_cast<double>(n_irrelevant));
  double scale = static_cast<double>(n_relevant + n_irrelevant)
                 / (static_cast<double>(n_relevant) * w_rel + static_cast<double>(n_irrelevant) * w_irr);
  return {w_rel * scale, w_irr * scale};
}

// Scaled to mean 0 and standard deviation 1 (unchanged when all are equal).
void standardise(std::vector<double>& v)
{
  if (v.empty()) {
    return;
  }
  double mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  double ss = 0;
  for (double x : v) {
    ss += (x - mean) * (x - mean);
  }
  double sd = std::sqrt(ss / static_cast<double>(v.size()));
  for (double& x : v) {
    x = sd > 0 ? (x - mean) / sd : 0.0;
  }
}

} // namespace

std::vector<double> log_count_ratio(const std::vector<double>& p, const std::vector<double>& q, double alpha)
{
  if (p.size() != q.size() || !(alpha > 0)) {
    throw std::invalid_argument("rank::log_count_ratio: counts of different lengths or alpha <= 0");
  }
  const double features = static_cast<double>(p.size());
  const double norm_p = std::accumulate(p.begin(), p.end(), 0.0) + alpha * features;
  const double norm_q = std::accumulate(q.begin(), q.end(), 0.0) + alpha * features;
  const double offset = std::log(norm_q) - std::log(norm_p);
  std::vector<double> r(p.size());
  for (std::size_t j = 0; j < p.size(); ++j) {
    r[j] = std::log(alpha + p[j]) - std::log(alpha + q[j]) + offset;
  }
  return r;
}

Ranker::Ranker(const SparseRows& features, const SparseRows& nb_features, SvmOptions options, NbOptions nb)
  : Ranker(features, options)
{
  if (nb_features.rows() != features.rows()) {
    throw std::invalid_argument("rank::Ranker: the naive Bayes features have another number of rows");
  }
  m_nb = nb;
  m_nb_rows = nb_features;
}

bool svm_c_high(const SvmOptions& options, std::size_t relevant, std::size_t labelled)
{
  return options.c_high_share > 0 && labelled > 0
         && static_cast<double>(relevant) > options.c_high_share * static_cast<double>(labelled);
}

// The tried models keep the SVM settings they were tuned with (C 0.1, tolerance 0.01, one
// C throughout), so that docs/rank.md's figures for them still hold.
ModelOptions tuned_ensemble()
{
  ModelOptions m;
  m.svm.c = 0.1;
  m.svm.c_high_share = 0;
  m.svm.eps = 0.01;
  m.nb.weight = 0.4;
  return m;
}

ModelOptions tuned_nbsvm()
{
  ModelOptions m;
  m.svm.c = 0.03;
  m.svm.c_high_share = 0;
  m.svm.eps = 0.01;
  m.svm.nb_alpha = 3.0;
  m.svm.nb_beta = 1.0;
  m.svm.nb_binary = true;
  m.svm.nb_weighted = true;
  return m;
}

const std::vector<std::string_view>& model_names()
{
  static const std::vector<std::string_view> names{"svm", "ensemble", "nb", "nbsvm"};
  return names;
}

std::optional<ModelOptions> model_named(std::string_view name)
{
  if (name == "svm") {
    return ModelOptions{};
  }
  if (name == "ensemble") {
    return tuned_ensemble();
  }
  if (name == "nbsvm") {
    return tuned_nbsvm();
  }
  if (name == "nb") {
    ModelOptions m;
    m.nb.weight = 1.0;
    return m;
  }
  return std::nullopt;
}

Ranker make_ranker(const std::vector<std::string>& texts, const ModelOptions& options)
{
  if (options.nb.weight <= 0) {
    return Ranker(tfidf(texts, options.svm_features), options.svm);
  }
  return Ranker(tfidf(texts, options.svm_features), tfidf(texts, options.nb_features), options.svm, options.nb);
}

Ranker::Ranker(const SparseRows& features, SvmOptions options) : m_options(options)
{
  m_nb.weight = 0;
  static_assert(sizeof(Node) == sizeof(feature_node) && offsetof(Node, value) == offsetof(feature_node, value));
  const int bias_index = static_cast<int>(features.n_columns) + 1;
  m_features = bias_index;
  m_nodes.reserve(features.columns.size() + 2 * features.rows());
  m_row.reserve(features.rows());
  for (std::size_t r = 0; r < features.rows(); ++r) {
    m_row.push_back(m_nodes.size());
    for (std::size_t i = features.row_start[r]; i < features.row_start[r + 1]; ++i) {
      m_nodes.push_back({static_cast<int>(features.columns[i]) + 1, features.values[i]});
    }
    m_nodes.push_back({bias_index, 1.0});
    m_nodes.push_back({-1, 0.0});
  }
}

std::vector<double> Ranker::scores(const std::vector<Label>& labels, std::uint64_t seed) const
{
  std::size_t n_relevant = 0, n_irrelevant = 0;
  if (m_nb.weight <= 0 || !both_classes(labels, n_relevant, n_irrelevant)) {
    return svm_scores(labels, seed);
  }
  if (m_nb.weight >= 1) {
    return nb_scores(labels, seed);
  }
  auto svm = svm_scores(labels, seed);
  auto nb = nb_scores(labels, seed);
  standardise(svm);
  standardise(nb);
  for (std::size_t r = 0; r < svm.size(); ++r) {
    svm[r] = (1 - m_nb.weight) * svm[r] + m_nb.weight * nb[r];
  }
  return svm;
}

std::vector<double> Ranker::nb_scores(const std::vector<Label>& labels, std::uint64_t seed) const
{
  std::size_t n_relevant = 0, n_irrelevant = 0;
  if (!both_classes(labels, n_relevant, n_irrelevant)) {
    return random_scores(m_row.size(), seed);
  }
  // As scikit-learn's MultinomialNB with sample weights: per class, the weighted sum of each
  // feature over its records; theta = (sum + alpha) / (total + alpha * features).
  auto [w_rel, w_irr] = balanced(n_relevant, n_irrelevant, m_nb.balance_ratio);
  // The naive Bayes features, or those of the SVM without the bias.
  const bool own = m_nb_rows.rows() == m_row.size() && m_row.size() > 0;
  const std::size_t columns = own ? m_nb_rows.n_columns : static_cast<std::size_t>(m_features - 1);
  auto for_row = [&](std::size_t r, auto&& f) {
    if (own) {
      for (std::size_t i = m_nb_rows.row_start[r]; i < m_nb_rows.row_start[r + 1]; ++i) {
        f(static_cast<std::size_t>(m_nb_rows.columns[i]), m_nb_rows.values[i]);
      }
      return;
    }
    for (const Node* n = &m_nodes[m_row[r]]; n->index != -1; ++n) {
      auto c = static_cast<std::size_t>(n->index - 1);
      if (c < columns) {
        f(c, n->value);
      }
    }
  };
  std::vector<double> count_rel(columns, 0.0), count_irr(columns, 0.0);
  double total_rel = 0, total_irr = 0;
  for (std::size_t r = 0; r < labels.size() && r < m_row.size(); ++r) {
    if (labels[r] == Label::pending) {
      continue;
    }
    const bool relevant = labels[r] == Label::relevant;
    auto& count = relevant ? count_rel : count_irr;
    auto& total = relevant ? total_rel : total_irr;
    const double w = relevant ? w_rel : w_irr;
    for_row(r, [&](std::size_t c, double x) {
      count[c] += w * x;
      total += w * x;
    });
  }
  const double alpha = m_nb.alpha, vocabulary = static_cast<double>(columns);
  const double log_rel = std::log(total_rel + alpha * vocabulary), log_irr = std::log(total_irr + alpha * vocabulary);
  // log theta_rel - log theta_irr per feature; the class prior from the weights.
  std::vector<double> diff(columns);
  for (std::size_t c = 0; c < columns; ++c) {
    diff[c] = std::log(count_rel[c] + alpha) - log_rel - std::log(count_irr[c] + alpha) + log_irr;
  }
  const double prior =
    std::log(w_rel * static_cast<double>(n_relevant)) - std::log(w_irr * static_cast<double>(n_irrelevant));
  std::vector<double> out(m_row.size(), prior);
  for (std::size_t r = 0; r < m_row.size(); ++r) {
    for_row(r, [&](std::size_t c, double x) { out[r] += diff[c] * x; });
  }
  return out;
}

std::vector<double> Ranker::svm_scores(const std::vector<Label>& labels, std::uint64_t seed) const
{
  std::vector<double> out(m_row.size(), 0.0);
  std::vector<double> y;
  std::vector<feature_node*> x;
  std::size_t n_relevant = 0;
  for (std::size_t r = 0; r < labels.size() && r < m_row.size(); ++r) {
    if (labels[r] == Label::pending) {
      continue;
    }
    bool relevant = labels[r] == Label::relevant;
    n_relevant += relevant;
    y.push_back(relevant ? 1.0 : -1.0);
    // liblinear takes non-const rows; it never writes them.
    x.push_back(reinterpret_cast<feature_node*>(const_cast<Node*>(&m_nodes[m_row[r]])));
  }
  const std::size_t n_irrelevant = y.size() - n_relevant;
  if (n_relevant == 0 || n_irrelevant == 0) {
    return random_scores(m_row.size(), seed);
  }

  // Relevant records weigh balance_ratio times the irrelevant ones in total; the mean
  // weight of a record is 1 (so that C keeps its meaning).
  auto [w_rel, w_irr] = balanced(n_relevant, n_irrelevant, m_options.balance_ratio);
  int weight_label[2] = {1, -1};
  double weight[2] = {w_rel, w_irr};

  // NBSVM: the labelled rows scaled by the log-count ratio (the bias node is kept).
  const bool nbsvm = m_options.nb_alpha > 0;
  const auto columns = static_cast<std::size_t>(m_features - 1);
  std::vector<double> ratio;
  std::vector<Node> scaled;
  if (nbsvm) {
    std::vector<double> p(columns, 0.0), q(columns, 0.0);
    std::size_t nodes = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      auto& count = y[i] > 0 ? p : q;
      for (const Node* n = reinterpret_cast<const Node*>(x[i]); n->index != -1; ++n, ++nodes) {
        auto c = static_cast<std::size_t>(n->index - 1);
        if (c < columns) {
          count[c] += (m_options.nb_weighted ? weight[y[i] > 0 ? 0 : 1] : 1.0) * (m_options.nb_binary ? 1.0 : n->value);
        }
      }
    }
    ratio = log_count_ratio(p, q, m_options.nb_alpha);
    scaled.reserve(nodes + x.size());
    std::vector<std::size_t> start;
    for (auto* row : x) {
      start.push_back(scaled.size());
      const Node* n = reinterpret_cast<const Node*>(row);
      for (; n->index != -1; ++n) {
        auto c = static_cast<std::size_t>(n->index - 1);
        scaled.push_back({n->index, c < columns ? n->value * ratio[c] : n->value});
      }
      scaled.push_back({-1, 0.0});
    }
    for (std::size_t i = 0; i < x.size(); ++i) {
      x[i] = reinterpret_cast<feature_node*>(&scaled[start[i]]);
    }
  }

  problem prob{};
  prob.l = static_cast<int>(y.size());
  prob.n = m_features;
  prob.y = y.data();
  prob.x = x.data();
  prob.bias = 1.0;
  parameter param{};
  param.solver_type = L2R_L2LOSS_SVC_DUAL;
  const bool high = svm_c_high(m_options, n_relevant, y.size());
  param.C = high ? m_options.c_high : m_options.c;
  param.eps = high ? m_options.c_high_eps : m_options.eps;
  param.nr_weight = 2;
  param.weight_label = weight_label;
  param.weight = weight;
  param.p = 0.1;
  param.init_sol = nullptr;

  std::vector<double> w;
  int positive_first = 1;
  {
    std::lock_guard lock(train_mutex());
    set_print_string_function(quiet);
    std::srand(static_cast<unsigned>(seed ^ (seed >> 32)));
    model* m = train(&prob, &param);
    w.assign(m->w, m->w + m_features);
    positive_first = m->label[0] == 1 ? 1 : -1;
    free_and_destroy_model(&m);
  }
  if (nbsvm) {
    // Scores of the unscaled rows: the weights times the ratio, after the interpolation.
    double mean_abs = 0;
    for (std::size_t c = 0; c < columns; ++c) {
      mean_abs += std::abs(w[c]);
    }
    mean_abs /= columns > 0 ? static_cast<double>(columns) : 1.0;
    const double beta = m_options.nb_beta;
    for (std::size_t c = 0; c < columns; ++c) {
      w[c] = ((1 - beta) * positive_first * mean_abs + beta * w[c]) * ratio[c];
    }
  }
  for (std::size_t r = 0; r < m_row.size(); ++r) {
    double s = 0;
    for (const Node* n = &m_nodes[m_row[r]]; n->index != -1; ++n) {
      s += w[static_cast<std::size_t>(n->index - 1)] * n->value;
    }
    out[r] = positive_first * s;
  }
  return out;
}

std::vector<std::size_t> Ranker::order_pending(const std::vector<double>& scores, const std::vector<Label>& labels)
{
  std::vector<std::size_t> order;
  for (std::size_t r = 0; r < scores.size(); ++r) {
    if (r >= labels.size() || labels[r] == Label::pending) {
      order.push_back(r);
    }
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  return order;
}

std::vector<std::size_t> Ranker::ranked(const std::vector<Label>& labels, std::uint64_t seed) const
{
  return order_pending(scores(labels, seed), labels);
}

std::size_t retrain_batch(std::size_t decisions)
{
  return decisions < 100 ? 1 : std::max<std::size_t>(1, decisions / 20);
}

} // namespace synth::rank
