#include "synth/rank/ranker.hpp"

#include <linear.h>

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <mutex>
#include <numeric>
#include <random>

namespace synth::rank {

namespace {

void quiet(const char*) {}

// liblinear shuffles with the process-wide rand(): one training at a time.
std::mutex& train_mutex()
{
  static std::mutex m;
  return m;
}

} // namespace

Ranker::Ranker(const SparseRows& features, SvmOptions options) : m_options(options)
{
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
    std::mt19937_64 rng(seed);
    for (auto& s : out) {
      s = static_cast<double>(rng() >> 11) / static_cast<double>(std::uint64_t{1} << 53);
    }
    return out;
  }

  // Relevant records weigh balance_ratio times the irrelevant ones in total; the mean
  // weight of a record is 1 (so that C keeps its meaning).
  double w_rel = 1.0;
  double w_irr = static_cast<double>(n_relevant) / (m_options.balance_ratio * static_cast<double>(n_irrelevant));
  double scale = static_cast<double>(y.size()) / (n_relevant * w_rel + n_irrelevant * w_irr);
  int weight_label[2] = {1, -1};
  double weight[2] = {w_rel * scale, w_irr * scale};

  problem prob{};
  prob.l = static_cast<int>(y.size());
  prob.n = m_features;
  prob.y = y.data();
  prob.x = x.data();
  prob.bias = 1.0;
  parameter param{};
  param.solver_type = L2R_L2LOSS_SVC_DUAL;
  param.eps = m_options.eps;
  param.C = m_options.c;
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
