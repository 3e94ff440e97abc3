#pragma once
// The stopping rule of Callaghan & Mueller-Hansen (2020, Systematic Reviews 9:273), written
// from the published algorithm (docs/rank.md). Pure functions, no I/O.
//
// After prioritised screening, the last n records screened are treated as a random sample
// (drawn without replacement) of the records that were unscreened before them. The null
// hypothesis is "recall < target": then the records not yet screened before the sample hold
// at least K_tar relevant ones, K_tar = floor(r_seen / target) + 1 - r_before (r_seen: relevant
// found in all, r_before: relevant found before the sample). The p-value of the sample is
// P(X <= k), X hypergeometric (population: the records unscreened before the sample, K_tar
// of them relevant, n drawn), k the relevant records in the sample. The test takes the
// smallest p-value over every sample of the last n records, n = 1 .. screened, and the rule
// is met when it is below 1 - confidence: "recall >= target with that confidence".
#include <cstddef>
#include <cstdint>
#include <vector>

namespace synth::rank {

struct StoppingOptions
{
  double target = 0.95;     // recall
  double confidence = 0.95; // 1 - the level of the test
};

// P(X <= k) for X hypergeometric: a population of `population` items of which `successes`
// are successes, `draws` drawn without replacement. Computed in log space. 0 when no draw
// can give k or fewer (and when successes > population: such a population is impossible).
double hypergeometric_cdf(std::int64_t k, std::int64_t population, std::int64_t successes, std::int64_t draws);

struct StoppingTest
{
  double p_value = 1.0;   // the smallest over the samples (1 when nothing is screened)
  std::size_t sample = 0; // the n of the sample that gave it
  bool met = false;       // p_value < 1 - confidence, or every record screened
};

// `screened`: the relevance of the records screened so far, in the order they were screened
// (true: relevant). `total`: the number of records, screened or not.
StoppingTest stopping_test(const std::vector<bool>& screened, std::size_t total, const StoppingOptions& options = {});

// The p-value of the sample of the last n records (1 <= n <= screened.size()).
double sample_p_value(const std::vector<bool>& screened, std::size_t total, std::size_t n, double target);

} // namespace synth::rank
