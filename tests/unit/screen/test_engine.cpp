// Stage order, reviewers, conflicts and the tiebreaker.
#include "synth/screen/engine.hpp"

#include <catch2/catch.hpp>

using namespace synth::screen;
using synth::Record;

namespace {

struct Case
{
  Criteria criteria;
  std::vector<Decision> decisions;
  Record record;

  Case(const std::string& criteria_text = "") : criteria(parse_criteria(criteria_text, "c"))
  {
    record.id = 7;
    record.language = "eng";
    record.year = 2000;
  }
  void add(Stage stage, Verdict v, std::string reviewer, std::string reason = {})
  {
    Decision d;
    d.record_id = 7;
    d.stage = stage;
    d.verdict = v;
    d.reviewer = std::move(reviewer);
    d.reason = std::move(reason);
    decisions.push_back(std::move(d));
  }
  Outcome run()
  {
    Engine engine(criteria, stages_in_use(criteria, decisions));
    std::vector<const Decision*> ptrs;
    for (const auto& d : decisions) {
      if (d.record_id == record.id) {
        ptrs.push_back(&d);
      }
    }
    return engine.screen(record, nullptr, ptrs);
  }
};

} // namespace

TEST_CASE("engine: stages in use")
{
  Case c;
  CHECK(stages_in_use(c.criteria, c.decisions) == std::vector<Stage>{Stage::title_abstract, Stage::full_text});
  c.add(Stage::title, Verdict::include, "AT");
  c.add(Stage::abstract, Verdict::include, "AT");
  CHECK(stages_in_use(c.criteria, c.decisions) == std::vector<Stage>{Stage::title, Stage::abstract, Stage::full_text});
  Case s("stages: title, abstract\n");
  CHECK(stages_in_use(s.criteria, s.decisions) == std::vector<Stage>{Stage::title, Stage::abstract, Stage::full_text});
}

TEST_CASE("engine: stage order: a record needs a full-text include: later decisions after an exclusion are ignored")
{
  Case c;
  c.add(Stage::title, Verdict::include, "AT");
  c.add(Stage::abstract, Verdict::include, "AT");
  auto o = c.run();
  CHECK(o.decision == Final::pending);
  CHECK(o.stage == Stage::full_text);
  c.add(Stage::full_text, Verdict::include, "AT");
  o = c.run();
  CHECK(o.decision == Final::include);
  CHECK(o.stage == Stage::full_text);

  Case x;
  x.add(Stage::title, Verdict::exclude, "AT");
  x.add(Stage::abstract, Verdict::include, "AT");
  x.add(Stage::full_text, Verdict::include, "AT");
  o = x.run();
  CHECK(o.decision == Final::exclude);
  CHECK(o.stage == Stage::title);

  Case gap; // abstract and full-text decided, title not: pending at title
  gap.add(Stage::title, Verdict::include, "BS");
  gap.decisions[0].record_id = 8; // another record's title decision puts title in use
  gap.add(Stage::abstract, Verdict::include, "AT");
  gap.add(Stage::full_text, Verdict::include, "AT");
  o = gap.run();
  CHECK(o.decision == Final::pending);
  CHECK(o.stage == Stage::title);
}

TEST_CASE("engine: maybe goes on at title/abstract and is undecided at full-text: reasons are kept")
{
  Case c;
  c.add(Stage::title_abstract, Verdict::maybe, "AT");
  c.add(Stage::full_text, Verdict::maybe, "AT");
  auto o = c.run();
  CHECK(o.decision == Final::pending);
  CHECK(o.stage == Stage::full_text);
  CHECK(o.flags == std::vector<std::string>{"full-text: maybe (AT)"});
  c.add(Stage::full_text, Verdict::exclude, "AT", "Not qualitative");
  o = c.run();
  CHECK(o.decision == Final::exclude);
  CHECK(o.reason == "Not qualitative");
}

TEST_CASE("engine: two reviewers disagree: conflict until consensus decides")
{
  Case c;
  c.add(Stage::title, Verdict::include, "AT");
  c.add(Stage::title, Verdict::exclude, "BS");
  auto o = c.run();
  CHECK(o.decision == Final::pending);
  CHECK(o.stage == Stage::title);
  REQUIRE(o.conflict);
  CHECK(o.conflict->decisions.size() == 2);
  CHECK(o.flags == std::vector<std::string>{"title: conflict (AT include, BS exclude)"});
  c.add(Stage::title, Verdict::exclude, "consensus", "Not about SMI");
  o = c.run();
  CHECK(o.decision == Final::exclude);
  CHECK(o.reason == "Not about SMI");
  CHECK_FALSE(o.conflict);

  Case named("tiebreaker: JL\n");
  named.add(Stage::title, Verdict::include, "AT");
  named.add(Stage::title, Verdict::exclude, "BS");
  named.add(Stage::title, Verdict::exclude, "consensus"); // not the tiebreaker here: a third reviewer
  CHECK(named.run().conflict);
  named.add(Stage::title, Verdict::include, "jl");
  auto r = named.run();
  CHECK_FALSE(r.conflict);
  CHECK(r.stage == Stage::full_text);
}

TEST_CASE("engine: with reviewers named, a decision waits for all of them: a reviewer's last decision counts")
{
  Case c("reviewers: AT, BS\n");
  c.add(Stage::title_abstract, Verdict::include, "AT");
  auto o = c.run();
  CHECK(o.decision == Final::pending);
  CHECK(o.stage == Stage::title_abstract);
  CHECK(o.flags == std::vector<std::string>{"title-abstract: awaiting BS"});
  c.add(Stage::title_abstract, Verdict::exclude, "BS");
  CHECK(c.run().conflict);
  c.add(Stage::title_abstract, Verdict::include, "BS"); // BS corrects the decision
  o = c.run();
  CHECK_FALSE(o.conflict);
  CHECK(o.stage == Stage::full_text);
}
