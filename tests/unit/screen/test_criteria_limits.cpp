// Criteria files that would have crashed the parser (issue 15): nesting and length limits
// reported at line:col, and dates that the calendar does not have.
#include "criteria_support.hpp"
#include "synth/core/error.hpp"
#include "synth/screen/criteria.hpp"

#include <catch2/catch.hpp>

using namespace synth::screen;

namespace {

using synth::test::error_of;

std::string repeat(const std::string& s, int n)
{
  std::string out;
  out.reserve(s.size() * static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    out += s;
  }
  return out;
}

} // namespace

TEST_CASE("criteria: 100,000 parentheses are refused at the one that goes past 1000", "[criteria][limits]")
{
  // Before: a stack overflow (SIGSEGV, exit 139, no message).
  std::string rule = "automatic exclude \"x\" when " + repeat("(", 100000) + "year < 1990" + repeat(")", 100000);
  CHECK(error_of(rule)
        == "criteria.txt:1:1028: condition nested deeper than 1000 levels, expected a simpler "
           "condition (split it into several rules)");
  CHECK(error_of("automatic exclude \"x\" when " + repeat("not ", 5000) + "year < 1990")
        == "criteria.txt:1:4028: condition nested deeper than 1000 levels, expected a simpler condition (split it "
           "into several rules)");
  // Deep but within the limit: read, and it means what it says.
  auto c = parse_criteria("automatic exclude \"x\" when " + repeat("(", 500) + "year < 1990" + repeat(")", 500), "c");
  CHECK(c.rules.size() == 1);
}

TEST_CASE("criteria: a 30,000-word matches condition is refused at its column", "[criteria][limits]")
{
  std::string words = repeat("qualitative ", 30000);
  CHECK(error_of("title exclude \"x\" when title matches " + words)
        == "criteria.txt:1:38: the expression after 'matches' has 30000 words, more than 1000, expected a shorter "
           "expression (split it into several rules)");
  CHECK(error_of("title exclude \"x\" when title matches " + repeat("(", 100000) + "a" + repeat(")", 100000))
        == "criteria.txt:1:38: the expression after 'matches' is nested deeper than 1000 parentheses, expected a "
           "simpler expression");
}

TEST_CASE("criteria: long and/or chains are one node, not a chain as deep as the rule is long", "[criteria][limits]")
{
  std::string rule = "automatic exclude \"x\" when year < 1990";
  for (int i = 0; i < 30000; ++i) {
    rule += " or year = 2000";
  }
  auto c = parse_criteria(rule, "c");
  REQUIRE(c.rules.size() == 1);
  CHECK(c.rules[0].condition->children.size() == 30001);
  synth::Record r;
  r.year = 2000;
  Subject s;
  s.record = &r;
  std::string missing;
  CHECK(evaluate(*c.rules[0].condition, s, missing) == Tri::yes);
  CHECK_THAT(error_of("full-text exclude \"x\" when " + repeat("a + ", 3000) + "a < 3"),
             Catch::Contains("arithmetic of more than 1000 terms"));
}

TEST_CASE("criteria: dates must be dates of the calendar", "[criteria]")
{
  // Before: accepted, and compared as text.
  CHECK(error_of("automatic exclude \"old\" when date < 1990-13-45")
        == "criteria.txt:1:37: '1990-13-45' is not a date, expected a date like 1990, 1990-06 or 1990-06-01");
  CHECK(error_of("automatic exclude \"old\" when date < 2023-02-29")
        == "criteria.txt:1:37: '2023-02-29' is not a date, expected a date like 1990, 1990-06 or 1990-06-01");
  CHECK(parse_criteria("automatic exclude \"old\" when date < 2024-02-29", "c").rules.size() == 1);
}

TEST_CASE("criteria: a NUL byte is an error at its line and column", "[criteria]")
{
  CHECK(
    error_of(std::string("automatic exclude \"x\" when year < 1990\nautomatic exclude \"y\" when y\0ear < 2000\n", 79))
    == "criteria.txt:2:29: NUL byte in the text, expected UTF-8 text");
}
