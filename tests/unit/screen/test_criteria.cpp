#include "criteria_support.hpp"
#include "synth/core/error.hpp"
#include "synth/screen/criteria.hpp"

#include <catch2/catch.hpp>

using namespace synth::screen;

namespace {

using synth::test::error_of;

} // namespace

TEST_CASE("criteria: rules, options and columns of the 2015 review's criteria")
{
  auto c = parse_criteria(R"(# criteria of the review
reviewers: AT, BS
tiebreaker: JL
detect-language: exclude-when-confident 0.95
automatic  exclude "Not in English"        when language is not eng
automatic  exclude "Published before 1990" when year < 1990
automatic  exclude "Not a peer-reviewed journal article" when type in editorial, letter, comment,
           news, preprint   # continued on an indented line
title-abstract flag "Not qualitative?" when not (title-abstract matches qualitative OR "grounded theory" OR interview*)
full-text  exclude "Under 50% of participants with SMI" when smi_participants / participants < 0.5
)",
                          "criteria.txt");
  REQUIRE(c.rules.size() == 5);
  CHECK(c.options.reviewers == std::vector<std::string>{"AT", "BS"});
  CHECK(c.options.tiebreaker == "JL");
  CHECK(c.options.detect_language == DetectLanguage::exclude_when_confident);
  CHECK(c.options.confidence == Approx(0.95));
  CHECK(c.rules[0].stage == Stage::automatic);
  CHECK(c.rules[0].reason == "Not in English");
  CHECK(c.rules[0].line == 5);
  CHECK(c.rules[0].condition->kind == Condition::Kind::is_in);
  CHECK(c.rules[0].condition->negated);
  CHECK(c.rules[0].condition->values == std::vector<std::string>{"eng"});
  CHECK(c.rules[2].condition->values == std::vector<std::string>{"editorial", "letter", "comment", "news", "preprint"});
  CHECK(c.rules[2].text == "type in editorial, letter, comment, news, preprint"); // stored in screen_rules
  CHECK(c.rules[4].text == "smi_participants / participants < 0.5");
  CHECK(c.rules[3].stage == Stage::title_abstract);
  CHECK(c.rules[3].action == Action::flag);
  CHECK(c.rules[3].condition->kind == Condition::Kind::op_not);
  CHECK(c.rules[4].stage == Stage::full_text);
  CHECK(c.columns == std::vector<std::string>{"smi_participants", "participants"});
  CHECK(c.numeric == std::vector<bool>{true, true});
}

TEST_CASE("criteria: languages are normalised to ISO 639-2, arithmetic groups parse")
{
  auto c = parse_criteria(
    "automatic exclude \"x\" when language not in English, German, fr\n"
    "full-text exclude \"y\" when (participants - smi_participants) / participants > 0.5 and year >= 1990\n"
    "automatic exclude \"z\" when (date < 1990-06 or issn is 0033-2720) and not source is \"Web of Science\"\n",
    "c.txt");
  CHECK(c.rules[0].condition->values == std::vector<std::string>{"eng", "ger", "fre"});
  CHECK(c.rules[1].condition->kind == Condition::Kind::op_and);
  CHECK(c.rules[1].condition->children[0]->kind == Condition::Kind::compare);
  CHECK(c.rules[2].condition->children[0]->kind == Condition::Kind::op_or);
  CHECK(c.rules[2].condition->children[0]->children[0]->iso == "1990-06");
  CHECK(c.rules[2].condition->children[0]->children[1]->values == std::vector<std::string>{"0033-2720"});
  CHECK(c.rules[2].condition->children[1]->children[0]->values == std::vector<std::string>{"web of science"});
}

TEST_CASE("criteria: errors name line and column and say what was expected")
{
  CHECK(error_of("automatic exclude \"A\" when year < 1990\ntitel exclude \"B\" when year < 1980\n")
        == "criteria.txt:2:1: unknown stage 'titel', expected automatic, title, abstract, title-abstract or full-text");
  CHECK(error_of("automatic remove \"A\" when year < 1990")
        == "criteria.txt:1:11: unknown action 'remove', expected exclude or flag");
  CHECK(error_of("automatic exclude Old when year < 1990")
        == "criteria.txt:1:19: 'Old' is not a reason, expected the reason in double quotes, e.g. \"Not in English\"");
  CHECK(error_of("automatic exclude \"Old\" if year < 1990") == "criteria.txt:1:25: unexpected 'if', expected 'when'");
  CHECK(error_of("automatic exclude \"Old\" when year <")
        == "criteria.txt:1:36: unexpected end of rule, expected a field (language, year, date, type, source, journal, "
           "issn, title, abstract, title-abstract), an extraction column or a number");
  CHECK(error_of("automatic exclude \"T\" when type in letter, opinion")
        == "criteria.txt:1:44: unknown publication type 'opinion', expected one of journal-article, review, "
           "editorial, letter, comment, conference, book, book-chapter, preprint, dissertation, news, erratum, "
           "retraction, other");
  CHECK(
    error_of("automatic exclude \"L\" when language is not klingonese")
    == "criteria.txt:1:44: unknown language 'klingonese', expected a language name or ISO 639 code like eng, english or en");
  CHECK(error_of("automatic exclude \"D\" when date < June")
        == "criteria.txt:1:35: 'June' is not a date, expected a date like 1990, 1990-06 or 1990-06-01");
  CHECK(error_of("automatic exclude \"Y\" when year < 1990 year > 2000")
        == "criteria.txt:1:40: unexpected 'year', expected 'and', 'or' or the end of the rule");
  CHECK(error_of("title-abstract flag \"Q\" when title-abstract matches (qualitative OR")
        == "criteria.txt:1:66: missing term after OR, expected a term, a \"phrase\", '(' or #n");
  CHECK(error_of("title-abstract flag \"Q\" when title-abstract matches qualitative[tiab]")
        == "criteria.txt:1:64: field tag [tiab] is not accepted here, expected a word or a \"phrase\" (the criterion "
           "names the field: title, abstract or title-abstract)");
  CHECK(error_of("automatic exclude \"L\" when language < 3")
        == "criteria.txt:1:28: 'language' is not a number, expected 'language is ...' or 'language in ...'");
  CHECK(error_of("automatic exclude \"Q\" when title is \"x\"")
        == "criteria.txt:1:34: unexpected 'is' after title, expected 'matches'");
  CHECK(error_of("automatic exclude \"S\" when \"unterminated")
        == "criteria.txt:1:28: unterminated string, expected a closing '\"'");
  CHECK(error_of("detect-language: sometimes")
        == "criteria.txt:1:18: unknown value 'sometimes', expected off, flag or exclude-when-confident [THRESHOLD]");
  CHECK(error_of("detect-language: exclude-when-confident 1.5")
        == "criteria.txt:1:41: '1.5' is not a confidence, expected a number above 0 and at most 1, e.g. 0.9");
  CHECK(error_of("reviewer: AT")
        == "criteria.txt:1:1: unknown option 'reviewer', expected reviewers, tiebreaker, detect-language, stages, "
           "stopping-target or stopping-confidence");
  CHECK(error_of("  year < 1990")
        == "criteria.txt:1:1: indented line without a rule before it, expected a rule starting at column 1 (an "
           "indented line continues the rule above)");
}

TEST_CASE("stopping-target and stopping-confidence", "[screen][criteria]")
{
  auto c = parse_criteria("reviewers: AT\n", "criteria.txt");
  CHECK(c.options.stopping_target == 0.95);
  CHECK(c.options.stopping_confidence == 0.95);
  c = parse_criteria("stopping-target: 0.9\nstopping-confidence:0.99  # stricter\n", "criteria.txt");
  CHECK(c.options.stopping_target == 0.9);
  CHECK(c.options.stopping_confidence == 0.99);
  CHECK(error_of("reviewers: AT\nstopping-target: 1")
        == "criteria.txt:2:18: '1' is not a recall, expected a number above 0 and below 1, e.g. 0.95");
  CHECK(error_of("stopping-confidence: 0")
        == "criteria.txt:1:22: '0' is not a confidence, expected a number above 0 and below 1, e.g. 0.95");
  CHECK(error_of("stopping-target: 95%")
        == "criteria.txt:1:18: '95%' is not a recall, expected a number above 0 and below 1, e.g. 0.95");
  CHECK(error_of("stopping-target:")
        == "criteria.txt:1:17: '' is not a recall, expected a number above 0 and below 1, e.g. 0.95");
  CHECK(error_of("stopping-confidence: -0.5")
        == "criteria.txt:1:22: '-0.5' is not a confidence, expected a number above 0 and below 1, e.g. 0.95");
}
