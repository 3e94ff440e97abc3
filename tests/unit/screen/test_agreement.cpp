#include "synth/screen/agreement.hpp"

#include <catch2/catch.hpp>

using synth::screen::cohen_kappa;

namespace {

// Paired ratings from a 2x2 table: yes/yes, yes/no, no/yes, no/no.
std::vector<std::pair<int, int>> table(int yy, int yn, int ny, int nn)
{
  std::vector<std::pair<int, int>> r;
  r.insert(r.end(), static_cast<std::size_t>(yy), {1, 1});
  r.insert(r.end(), static_cast<std::size_t>(yn), {1, 0});
  r.insert(r.end(), static_cast<std::size_t>(ny), {0, 1});
  r.insert(r.end(), static_cast<std::size_t>(nn), {0, 0});
  return r;
}

} // namespace

TEST_CASE("kappa: the textbook example (Wikipedia, Cohen's kappa): 50 proposals, kappa 0.4")
{
  // A said yes to 25, B to 30; they agreed on 20 yes and 15 no: po = 0.7, pe = 0.5.
  auto k = cohen_kappa(table(20, 5, 10, 15));
  CHECK(k.items == 50);
  CHECK(k.observed == Approx(0.7));
  CHECK(k.expected == Approx(0.5));
  REQUIRE(k.kappa);
  CHECK(*k.kappa == Approx(0.4));
}

TEST_CASE("kappa: the same observed agreement, different marginals (Wikipedia's 0.1304 and 0.2593)")
{
  auto a = cohen_kappa(table(45, 15, 25, 15));
  CHECK(a.observed == Approx(0.6));
  CHECK(a.expected == Approx(0.54));
  CHECK(*a.kappa == Approx(0.1304).epsilon(0.001));
  auto b = cohen_kappa(table(25, 35, 5, 35));
  CHECK(b.expected == Approx(0.46));
  CHECK(*b.kappa == Approx(0.2593).epsilon(0.001));
}

TEST_CASE("kappa: perfect agreement is 1, one shared category is undefined, three categories")
{
  CHECK(*cohen_kappa(table(3, 0, 0, 7)).kappa == Approx(1.0));
  CHECK_FALSE(cohen_kappa(table(5, 0, 0, 0)).kappa);
  // include/exclude/maybe: 10 items, agreement on 7.
  std::vector<std::pair<int, int>> r = {{0, 0}, {0, 0}, {0, 0}, {1, 1}, {1, 1}, {1, 1}, {2, 2}, {0, 1}, {1, 2}, {2, 0}};
  auto k = cohen_kappa(r);
  // A: 4 inc, 4 exc, 2 maybe; B: 4, 4, 2 -> pe = .16 + .16 + .04 = .36; po = .7
  CHECK(k.expected == Approx(0.36));
  CHECK(*k.kappa == Approx((0.7 - 0.36) / 0.64));
}
