// The stopping rule in the workflow: the screening order read from decision rows, the
// reason of the stop's rows, the stop files.
#include "synth/project/stopping_rule.hpp"

#include <catch2/catch.hpp>

using namespace synth::project;

TEST_CASE("the screening order from decision rows", "[project][stopping]")
{
  std::set<std::int64_t> candidates{1, 2, 3, 4, 5};
  // 9 is not a candidate (excluded before the stage); 2 is decided twice: its last
  // decision (relevant) counts, at its last place.
  std::vector<SequenceRow> rows{{1, false}, {2, false}, {9, true}, {3, true}, {2, true}, {4, false}};
  CHECK(screening_sequence(rows, candidates) == std::vector<bool>{false, true, true, false});
  CHECK(screening_sequence({}, candidates).empty());
  CHECK(screening_sequence(rows, {}).empty());
}

TEST_CASE("the p-value of a decision sequence read from rows", "[project][stopping]")
{
  // 1000 candidates; 10 relevant decided first, then 970 irrelevant, then one record decided
  // again (irrelevant, still at its last place): the sequence of rank's hand-computed case,
  // p = 20/990.
  std::set<std::int64_t> candidates;
  for (std::int64_t id = 1; id <= 1000; ++id) {
    candidates.insert(id);
  }
  std::vector<SequenceRow> rows;
  for (std::int64_t id = 1; id <= 980; ++id) {
    rows.push_back({id, id <= 10});
  }
  rows.insert(rows.begin() + 500, SequenceRow{600, true}); // later decided again: irrelevant
  auto seq = screening_sequence(rows, candidates);
  REQUIRE(seq.size() == 980);
  auto t = synth::rank::stopping_test(seq, candidates.size());
  CHECK(t.p_value == Approx(20.0 / 990));
  CHECK(t.met);
  CHECK_FALSE(synth::rank::stopping_test(seq, candidates.size(), {0.95, 0.99}).met);
}

TEST_CASE("the reason and the rule as text", "[project][stopping]")
{
  CHECK(stop_reason({}) == "not screened: stopping rule met (recall >= 95 %, 95 % confidence)");
  CHECK(stop_reason({0.9, 0.99}) == "not screened: stopping rule met (recall >= 90 %, 99 % confidence)");
  CHECK(stop_reason({0.975, 0.95}) == "not screened: stopping rule met (recall >= 97.5 %, 95 % confidence)");
  CHECK(rule_text({}) == "recall >= 95 % with 95 % confidence");
}

TEST_CASE("stop files", "[project][stopping]")
{
  CHECK(stop_file_name(synth::screen::Stage::title_abstract) == "title-abstract-stopping-rule.csv");
  CHECK(is_stop_file("decisions/title-abstract-stopping-rule.csv"));
  CHECK(is_stop_file("full-text-stopping-rule.csv"));
  CHECK_FALSE(is_stop_file("decisions/automatic-stopping-rule.csv"));
  CHECK_FALSE(is_stop_file("decisions/title-abstract-AT.csv"));
  CHECK_FALSE(is_stop_file("decisions/my-title-abstract-stopping-rule.csv"));
}
