// The stopping rule of Callaghan & Mueller-Hansen 2020 against values computed by hand.
#include "synth/rank/stopping.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace synth::rank;

TEST_CASE("hypergeometric cdf", "[rank][stopping]")
{
  // 10 items, 3 successes, 4 drawn: P(0) = C(7,4)/C(10,4) = 35/210, P(1) = 3*35/210,
  // P(2) = 3*21/210, P(3) = 7/210.
  CHECK(hypergeometric_cdf(0, 10, 3, 4) == Approx(35.0 / 210));
  CHECK(hypergeometric_cdf(1, 10, 3, 4) == Approx(140.0 / 210));
  CHECK(hypergeometric_cdf(2, 10, 3, 4) == Approx(203.0 / 210));
  CHECK(hypergeometric_cdf(3, 10, 3, 4) == 1.0);
  // 5 items, 4 successes, 3 drawn: at least 2 successes are drawn.
  CHECK(hypergeometric_cdf(1, 5, 4, 3) == 0.0);
  CHECK(hypergeometric_cdf(2, 5, 4, 3) == Approx(6.0 / 10)); // C(4,2)C(1,1)/C(5,3)
  // More successes than items: impossible.
  CHECK(hypergeometric_cdf(0, 5, 6, 1) == 0.0);
  // Large numbers stay finite: 1 success in 100000, 99990 drawn, none found: 10/100000.
  CHECK(hypergeometric_cdf(0, 100000, 1, 99990) == Approx(1e-4));
}

TEST_CASE("stopping test on short sequences computed by hand", "[rank][stopping]")
{
  // 20 records, 10 screened, the first two relevant. H0 (recall < 0.95) needs at least
  // floor(2/0.95)+1 = 3 relevant in all. Sample of the last 8 (k=0): 1 relevant left in an
  // urn of 18, P(none in 8) = 10/18. Whole sequence (k=2): 3 in 20, P(X<=2) = 1 - C(17,7)/C(20,10).
  std::vector<bool> seq{true, true, false, false, false, false, false, false, false, false};
  CHECK(sample_p_value(seq, 20, 8, 0.95) == Approx(10.0 / 18));
  CHECK(sample_p_value(seq, 20, 10, 0.95) == Approx(1.0 - 19448.0 / 184756));
  auto t = stopping_test(seq, 20);
  CHECK(t.p_value == Approx(10.0 / 18));
  CHECK(t.sample == 8);
  CHECK_FALSE(t.met);

  // 1000 records, 10 relevant first, then 970 irrelevant: one more relevant hidden among
  // the 990 unscreened before the sample is missed by 970 draws with p = 20/990 < 0.05.
  std::vector<bool> long_seq(980, false);
  for (int i = 0; i < 10; ++i) {
    long_seq[static_cast<std::size_t>(i)] = true;
  }
  t = stopping_test(long_seq, 1000);
  CHECK(t.p_value == Approx(20.0 / 990));
  CHECK(t.sample == 970);
  CHECK(t.met);
  // The same at 99 % confidence is not met.
  CHECK_FALSE(stopping_test(long_seq, 1000, {0.95, 0.99}).met);
  // Same sequence, 100 records: 20/90 is far from 0.05.
  std::vector<bool> short_seq(long_seq.begin(), long_seq.begin() + 80);
  CHECK(stopping_test(short_seq, 100).p_value == Approx(20.0 / 90));
}

TEST_CASE("a target met exactly by an integer count is not low recall", "[rank][stopping]")
{
  // 19 relevant found: recall < 0.95 needs 21 in all (20 would be exactly 0.95), so the
  // sample of the last 50 (none relevant) must have missed 2 of 81: C(79,50)/C(81,50) = 31*30/(81*80).
  std::vector<bool> seq(69, false);
  for (int i = 0; i < 19; ++i) {
    seq[static_cast<std::size_t>(i)] = true;
  }
  CHECK(stopping_test(seq, 100).p_value == Approx(930.0 / 6480));
}

TEST_CASE("every record screened meets the rule: nothing screened does not", "[rank][stopping]")
{
  CHECK(stopping_test({true, false, false}, 3).met);
  CHECK_FALSE(stopping_test({}, 3).met);
  CHECK(stopping_test({}, 3).p_value == 1.0);
}

TEST_CASE("the smallest p-value is the one over every sample", "[rank][stopping]")
{
  // The test looks only at the longest sample of each k; compare with all samples.
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    std::size_t total = 50 + rng() % 400;
    std::size_t screened = 1 + rng() % total;
    std::vector<bool> seq;
    for (std::size_t i = 0; i < screened; ++i) {
      // relevant records early, as prioritised screening finds them
      seq.push_back(rng() % 1000 < (i < screened / 3 ? 300u : 20u));
    }
    double best = 1.0;
    for (std::size_t n = 1; n <= screened; ++n) {
      best = std::min(best, sample_p_value(seq, total, n, 0.95));
    }
    auto t = stopping_test(seq, total);
    if (screened < total) {
      REQUIRE(t.p_value == Approx(best).margin(1e-12));
    }
  }
}
