// The logic of synth screen --interactive: session state machine, ranked order, undo, the
// decision rows and their undo, highlighting (lib/synth/project/screening_session.hpp).
#include "synth/project/screening_session.hpp"
#include "synth/rank/ranker.hpp"
#include "synth/screen/decisions.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace synth::project;
using synth::screen::Stage;
using synth::screen::Verdict;

namespace {

// Ten records: five about depression trials, five about soil chemistry.
std::vector<std::string> texts()
{
  return {"depression randomised trial of therapy", "soil nitrogen chemistry of fields",
          "therapy for depression in adults trial", "soil carbon and clay minerals",
          "cognitive therapy depression trial",     "nitrogen fixing bacteria in soil",
          "depression relapse after therapy trial", "clay soil erosion chemistry",
          "internet therapy for depression trial",  "soil ph and liming of fields"};
}

} // namespace

TEST_CASE("a session shows every record once, the highest-ranked first", "[project][session]")
{
  auto t = texts();
  // Priors: record 0 relevant, record 1 irrelevant (as read from the reviewer's file).
  ScreeningSession s(t, {{0, Verdict::include}, {1, Verdict::exclude}});
  CHECK(s.decided() == 2);
  CHECK(s.position() == 3);
  // The SVM trained on the two priors puts the depression records (2, 4, 6, 8) first.
  std::set<std::size_t> first_four;
  for (int k = 0; k < 4; ++k) {
    REQUIRE(s.current());
    first_four.insert(*s.current());
    s.decide(Verdict::include);
  }
  CHECK(first_four == std::set<std::size_t>{2, 4, 6, 8});
  std::set<std::size_t> seen = first_four;
  while (s.current()) {
    CHECK(seen.insert(*s.current()).second);
    s.decide(Verdict::exclude);
  }
  CHECK(seen.size() == 8);
  CHECK(s.decided() == 10);
  CHECK(s.relevant() == 5);
  CHECK_THROWS_AS(s.decide(Verdict::include), std::logic_error);
}

TEST_CASE("the order is a function of the decisions", "[project][session]")
{
  auto t = texts();
  ScreeningSession a(t, {{0, Verdict::include}, {1, Verdict::exclude}});
  ScreeningSession b(t, {{0, Verdict::include}, {1, Verdict::exclude}});
  while (a.current()) {
    REQUIRE(b.current() == a.current());
    auto v = *a.current() % 2 == 0 ? Verdict::include : Verdict::exclude;
    a.decide(v);
    b.decide(v);
  }
  CHECK(!b.current());
}

TEST_CASE("resume: decisions read back continue where the session stopped", "[project][session]")
{
  auto t = texts();
  ScreeningSession a(t, {});
  std::vector<SessionDecision> made;
  for (int k = 0; k < 3; ++k) {
    made.push_back({*a.current(), Verdict::exclude});
    a.decide(Verdict::exclude);
  }
  ScreeningSession b(t, made);
  CHECK(b.decided() == 3);
  REQUIRE(b.current());
  for (const auto& d : made) {
    CHECK(*b.current() != d.candidate);
  }
  CHECK(b.current() == a.current());
}

TEST_CASE("undo takes back the last decision and shows its record again", "[project][session]")
{
  auto t = texts();
  ScreeningSession s(t, {{0, Verdict::include}});
  auto c = *s.current();
  s.decide(Verdict::maybe);
  CHECK(s.relevant() == 2);
  CHECK(s.undo() == c);
  CHECK(s.current() == c);
  CHECK(s.decided() == 1);
  CHECK(s.relevant() == 1);
  CHECK(s.undo() == std::size_t{0}); // a decision of an earlier session
  CHECK(s.current() == std::size_t{0});
  CHECK(s.decided() == 0);
  CHECK_FALSE(s.undo());
}

TEST_CASE("a record decided twice in the file counts once, at its last place", "[project][session]")
{
  auto t = texts();
  ScreeningSession s(t, {{3, Verdict::include}, {5, Verdict::exclude}, {3, Verdict::exclude}});
  CHECK(s.decided() == 2);
  CHECK(s.relevant() == 0);
  REQUIRE(s.history().size() == 2);
  CHECK(s.history()[1].candidate == 3);
}

TEST_CASE("skip moves a record behind the other undecided ones", "[project][session]")
{
  std::vector<std::string> t = {"aa bb", "cc dd", "ee ff"};
  ScreeningSession s(t, {});
  auto first = *s.current();
  s.skip();
  REQUIRE(s.current());
  CHECK(*s.current() != first);
  s.decide(Verdict::exclude);
  s.decide(Verdict::exclude);  // the third one
  CHECK(s.current() == first); // the skipped one comes back last
  s.skip();                    // alone: it stays
  CHECK(s.current() == first);
}

TEST_CASE("search shows the next undecided record holding a word", "[project][session]")
{
  auto t = texts();
  ScreeningSession s(t, {{9, Verdict::exclude}});
  auto c = find_undecided(t, s, "LIMING", 0);
  CHECK_FALSE(c); // record 9 is decided
  c = find_undecided(t, s, "clay", 0);
  REQUIRE(c);
  CHECK(*c == 3);
  CHECK(find_undecided(t, s, "clay", 3) == std::size_t{7});
  CHECK(s.show(7));
  CHECK(s.current() == std::size_t{7});
  CHECK_FALSE(s.show(9));
  CHECK_FALSE(s.show(99));
}

TEST_CASE("the stopping estimate: p-value of the decisions in order", "[project][session]")
{
  auto t = texts();
  ScreeningSession s(t, {});
  CHECK(s.stopping().p_value == 1.0);
  while (s.current()) {
    s.decide(*s.current() % 2 == 0 ? Verdict::include : Verdict::exclude);
  }
  CHECK(s.stopping().met); // everything screened
}

TEST_CASE("decision rows: the header synth screen reads, CSV quoting", "[project][session]")
{
  CHECK(session_row(42, Stage::title_abstract, Verdict::exclude, "Not qualitative, or mixed", "AT", "",
                    "2026-12-03T10:00:00Z")
        == "42,title-abstract,exclude,\"Not qualitative, or mixed\",AT,,2026-12-03T10:00:00Z\n");
  CHECK(session_row(7, Stage::full_text, Verdict::maybe, "", "BS", "ask \"MK\"", "t")
        == "7,full-text,maybe,,BS,\"ask \"\"MK\"\"\",t\n");
  std::string file = std::string(k_session_header) + "\n"
                     + session_row(1, Stage::title, Verdict::include, "", "AT", "", "2026-12-03T09:00:00Z")
                     + session_row(2, Stage::title, Verdict::exclude, "x", "AT", "line\nbreak", "2026-12-02T23:59:59Z");
  CHECK(rows_on(file, "2026-12-03") == 1);
  CHECK(rows_on(file, "2026-12-02") == 1);
  CHECK(rows_on("record,stage,decision\n1,title,include\n", "2026") == 0);
}

TEST_CASE("undo of the file drops its last row, quoted line breaks and all", "[project][session]")
{
  std::string header = std::string(k_session_header) + "\n";
  std::string one = session_row(1, Stage::title, Verdict::include, "", "AT", "", "t");
  std::string two = session_row(2, Stage::title, Verdict::exclude, "x", "AT", "a note\nover two lines", "t");
  CHECK(drop_last_row(header + one + two) == header + one);
  CHECK(drop_last_row(header + one) == header);
  CHECK(drop_last_row(header) == header); // the header stays
  CHECK(drop_last_row("") == "");
  // A hand-written file without a line end after its last row.
  CHECK(drop_last_row("record,stage,decision\n1,title,include\n2,title,exclude")
        == "record,stage,decision\n1,title,include\n");
}

TEST_CASE("highlight terms of a criteria condition or a query file", "[project][session]")
{
  auto t = highlight_terms("\"grounded theory\" OR interview* OR (focus AND group*) NOT ab[tiab] #1 2015");
  REQUIRE(t.size() == 5);
  CHECK(t[0].word == "grounded");
  CHECK(t[1].word == "theory");
  CHECK((t[2].word == "interview" && t[2].prefix));
  CHECK((t[3].word == "focus" && !t[3].prefix));
  CHECK((t[4].word == "group" && t[4].prefix));
  auto spans = highlight_spans("Interviews with Focus groups; a focused theory", t);
  REQUIRE(spans.size() == 4);
  CHECK((spans[0].start == 0 && spans[0].length == 10)); // Interviews
  CHECK((spans[1].start == 16 && spans[1].length == 5)); // Focus
  CHECK((spans[2].start == 22 && spans[2].length == 6)); // groups (not "focused")
  CHECK((spans[3].start == 40 && spans[3].length == 6)); // theory
  CHECK(highlight_spans("no match here", t).empty());
}
