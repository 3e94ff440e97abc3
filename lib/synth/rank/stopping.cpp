#include "synth/rank/stopping.hpp"

#include <algorithm>
#include <cmath>

namespace synth::rank {

namespace {

double log_choose(std::int64_t n, std::int64_t k)
{
  return std::lgamma(static_cast<double>(n) + 1) - std::lgamma(static_cast<double>(k) + 1)
         - std::lgamma(static_cast<double>(n - k) + 1);
}

// floor(r_seen / target) + 1: the fewest relevant records in all that make recall < target.
// A quotient that is an integer up to rounding (19 / 0.95) counts as that integer.
std::int64_t fewest_for_low_recall(std::int64_t r_seen, double target)
{
  return static_cast<std::int64_t>(std::floor(static_cast<double>(r_seen) / target + 1e-9)) + 1;
}

} // namespace

double hypergeometric_cdf(std::int64_t k, std::int64_t population, std::int64_t successes, std::int64_t draws)
{
  if (successes > population || draws > population || successes < 0 || draws < 0) {
    return 0.0;
  }
  const std::int64_t failures = population - successes;
  const std::int64_t lo = std::max<std::int64_t>(0, draws - failures);
  const std::int64_t hi = std::min(draws, successes);
  if (k < lo) {
    return 0.0;
  }
  if (k >= hi) {
    return 1.0;
  }
  // pmf(lo) in log space, then pmf(x+1) = pmf(x) (K-x)(n-x) / ((x+1)(N-K-n+x+1)).
  double pmf = std::exp(log_choose(successes, lo) + log_choose(failures, draws - lo) - log_choose(population, draws));
  double sum = pmf;
  for (std::int64_t x = lo; x < k; ++x) {
    pmf *= static_cast<double>(successes - x) * static_cast<double>(draws - x)
           / (static_cast<double>(x + 1) * static_cast<double>(failures - draws + x + 1));
    sum += pmf;
  }
  return std::min(sum, 1.0);
}

double sample_p_value(const std::vector<bool>& screened, std::size_t total, std::size_t n, double target)
{
  const auto n_seen = static_cast<std::int64_t>(screened.size());
  std::int64_t r_seen = std::count(screened.begin(), screened.end(), true);
  std::int64_t k = std::count(screened.end() - static_cast<std::ptrdiff_t>(n), screened.end(), true);
  const std::int64_t r_before = r_seen - k;
  const std::int64_t urn = static_cast<std::int64_t>(total) - (n_seen - static_cast<std::int64_t>(n));
  const std::int64_t k_tar = fewest_for_low_recall(r_seen, target) - r_before;
  return hypergeometric_cdf(k, urn, k_tar, static_cast<std::int64_t>(n));
}

StoppingTest stopping_test(const std::vector<bool>& screened, std::size_t total, const StoppingOptions& options)
{
  StoppingTest t;
  if (screened.empty()) {
    return t;
  }
  if (screened.size() >= total) {
    t.p_value = 0.0;
    t.sample = screened.size();
    t.met = true;
    return t;
  }
  // For a given k, a longer sample (reaching further back over irrelevant records) has a
  // smaller p-value: the records left unscreened are the same, the urn only gains
  // irrelevant ones. So the smallest p-value is among the longest sample of each k: those
  // that start just after a relevant record, or at the first record screened.
  const auto n_seen = static_cast<std::int64_t>(screened.size());
  const std::int64_t r_seen = std::count(screened.begin(), screened.end(), true);
  const std::int64_t fewest = fewest_for_low_recall(r_seen, options.target);
  const std::int64_t unscreened = static_cast<std::int64_t>(total) - n_seen;
  std::int64_t k = 0;
  for (std::int64_t n = 1; n <= n_seen; ++n) {
    k += screened[static_cast<std::size_t>(n_seen - n)] ? 1 : 0;
    bool longest = n == n_seen || screened[static_cast<std::size_t>(n_seen - n - 1)];
    if (!longest) {
      continue;
    }
    const std::int64_t k_tar = fewest - (r_seen - k);
    double p = hypergeometric_cdf(k, unscreened + n, k_tar, n);
    if (p < t.p_value) {
      t.p_value = p;
      t.sample = static_cast<std::size_t>(n);
    }
  }
  t.met = t.p_value < 1.0 - options.confidence;
  return t;
}

} // namespace synth::rank
