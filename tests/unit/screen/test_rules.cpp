// Rule evaluation on records, with missing data: undecided, never excluded.
#include "synth/screen/engine.hpp"

#include <catch2/catch.hpp>

using namespace synth::screen;
using synth::Record;

namespace {

Record record(std::string language, std::optional<int> year, std::string type = "journal-article")
{
  Record r;
  r.id = 1;
  r.language = std::move(language);
  r.year = year;
  if (year) {
    r.date = std::to_string(*year);
  }
  r.type = std::move(type);
  r.title = "Helping relationships in mental health services: a qualitative interview study";
  return r;
}

const char* k_criteria = R"(
automatic  exclude "Not in English"        when language is not eng
automatic  exclude "Published before 1990" when year < 1990
automatic  exclude "Not a peer-reviewed journal article" when type in editorial, letter, comment, news
title-abstract flag "Not qualitative?" when not title-abstract matches qualitative OR "grounded theory" OR interview*
full-text  exclude "Under 50% of participants with SMI" when smi_participants / participants < 0.5
)";

Outcome screen_one(const Criteria& c, const Record& r, const std::vector<std::string>* x = nullptr,
                   std::vector<Decision> ds = {})
{
  Engine engine(c, stages_in_use(c, ds));
  std::vector<const Decision*> ptrs;
  for (const auto& d : ds) {
    ptrs.push_back(&d);
  }
  return engine.screen(r, x, ptrs);
}

Decision decision(Stage stage, Verdict v, std::string reviewer = "AT", std::string reason = {})
{
  Decision d;
  d.record_id = 1;
  d.stage = stage;
  d.verdict = v;
  d.reviewer = std::move(reviewer);
  d.reason = std::move(reason);
  return d;
}

} // namespace

TEST_CASE("rules: the first true exclude rule excludes with its reason")
{
  auto c = parse_criteria(k_criteria, "criteria.txt");
  auto o = screen_one(c, record("ger", 1985));
  CHECK(o.decision == Final::exclude);
  CHECK(o.stage == Stage::automatic);
  CHECK(o.reason == "Not in English");
  o = screen_one(c, record("eng", 1985));
  CHECK(o.reason == "Published before 1990");
  o = screen_one(c, record("eng", 2001, "letter"));
  CHECK(o.reason == "Not a peer-reviewed journal article");
  o = screen_one(c, record("eng", 1990));
  CHECK(o.decision == Final::pending);
  CHECK(o.stage == Stage::title_abstract);
  CHECK(o.flags.empty());
}

TEST_CASE("rules: missing language, year or type is undecided: the record goes on, flagged")
{
  auto c = parse_criteria(k_criteria, "criteria.txt");
  Record r = record("", std::nullopt, "");
  r.title.clear(); // nothing to detect a language from
  auto o = screen_one(c, r);
  CHECK(o.decision == Final::pending);
  CHECK(o.stage == Stage::title_abstract);
  REQUIRE(o.rules.size() == 4);
  CHECK(o.rules[0].result == Tri::unknown);
  CHECK(o.rules[0].missing == "language");
  CHECK(o.rules[1].missing == "year");
  CHECK(o.rules[2].missing == "type");
  CHECK(o.rules[3].missing == "title and abstract");
  CHECK(o.flags
        == std::vector<std::string>{"automatic: undecided \"Not in English\" (missing language)",
                                    "automatic: undecided \"Published before 1990\" (missing year)",
                                    "automatic: undecided \"Not a peer-reviewed journal article\" (missing type)",
                                    "title-abstract: undecided \"Not qualitative?\" (missing title and abstract)"});
  // "und" (undetermined) is no language either.
  o = screen_one(c, record("und", 2000));
  CHECK(o.decision == Final::pending);
  CHECK(o.rules.at(0).missing == "language");
}

TEST_CASE("rules: a detected language decides only when the criteria allow a confident detection")
{
  Record r = record("", 2005);
  r.title = "Die therapeutische Beziehung in der psychiatrischen Versorgung";
  r.abstract = "Ziel dieser qualitativen Studie war es, die Erfahrungen von Patientinnen und Patienten mit "
               "schweren psychischen Erkrankungen in der Beziehung zu professionellen Helfern zu untersuchen. "
               "Es wurden zwanzig Interviews geführt und mit der Grounded-Theory-Methode ausgewertet.";
  auto flagging = parse_criteria(k_criteria, "criteria.txt");
  auto o = screen_one(flagging, r);
  REQUIRE(o.detected);
  CHECK(o.detected->language == "ger");
  CHECK(o.detected->reliable);
  CHECK(o.detected->confidence >= 0.9);
  CHECK(o.decision == Final::pending);
  CHECK(o.flags.at(0).rfind("language detected: ger ", 0) == 0);
  CHECK(o.flags.at(1) == "automatic: undecided \"Not in English\" (missing language)");

  auto excluding = parse_criteria(std::string("detect-language: exclude-when-confident 0.9\n") + k_criteria, "c");
  o = screen_one(excluding, r);
  CHECK(o.decision == Final::exclude);
  CHECK(o.reason == "Not in English");

  auto off = parse_criteria(std::string("detect-language: off\n") + k_criteria, "c");
  o = screen_one(off, r);
  CHECK_FALSE(o.detected);
  CHECK(o.decision == Final::pending);
}

TEST_CASE("rules: extraction ratios at full-text: a missing or zero count is undecided")
{
  auto c = parse_criteria(k_criteria, "criteria.txt");
  std::vector<Decision> ds = {decision(Stage::title_abstract, Verdict::include),
                              decision(Stage::full_text, Verdict::include)};
  std::vector<std::string> low = {"4", "10"}; // smi_participants, participants
  auto o = screen_one(c, record("eng", 2000), &low, ds);
  CHECK(o.decision == Final::exclude);
  CHECK(o.stage == Stage::full_text);
  CHECK(o.reason == "Under 50% of participants with SMI");
  std::vector<std::string> half = {"5", "10"};
  o = screen_one(c, record("eng", 2000), &half, ds);
  CHECK(o.decision == Final::include);
  std::vector<std::string> missing = {"4", ""};
  o = screen_one(c, record("eng", 2000), &missing, ds);
  CHECK(o.decision == Final::include);
  CHECK(o.flags.back() == "full-text: undecided \"Under 50% of participants with SMI\" (missing participants)");
  std::vector<std::string> zero = {"0", "0"};
  o = screen_one(c, record("eng", 2000), &zero, ds);
  CHECK(o.decision == Final::include);
  CHECK(o.rules.back().missing == "participants is 0");
  o = screen_one(c, record("eng", 2000), nullptr, ds);
  CHECK(o.rules.back().missing == "smi_participants");
}

TEST_CASE("rules: text matching with phrases and truncation, case and punctuation folded")
{
  auto c = parse_criteria("title flag \"Q\" when title matches \"grounded theory\" OR interview*\n"
                          "abstract flag \"A\" when abstract matches \"mental illness\" NOT schizophreni*\n",
                          "c");
  Record r = record("eng", 2000);
  r.title = "Users' views: INTERVIEWS with staff";
  r.abstract = "People with severe mental-illness";
  std::vector<Decision> ds = {decision(Stage::title, Verdict::include)};
  auto o = screen_one(c, r, nullptr, ds);
  CHECK(o.flags == std::vector<std::string>{"title: \"Q\"", "abstract: \"A\""});
  r.title = "A theory grounded in practice";
  r.abstract = "Mental illness and schizophrenia";
  o = screen_one(c, r, nullptr, ds);
  CHECK(o.flags.empty());
}

TEST_CASE("rules: dates compare at the precision both have")
{
  auto c = parse_criteria("automatic exclude \"Early\" when date < 1990-06-01\n", "c");
  Record r = record("eng", 1990);
  r.date = "1990-05";
  CHECK(screen_one(c, r).decision == Final::exclude);
  r.date = "1990-06-01";
  CHECK(screen_one(c, r).decision == Final::pending);
  r.date = "1990"; // could be either side of June
  auto o = screen_one(c, r);
  CHECK(o.decision == Final::pending);
  CHECK(o.rules.at(0).missing == "date (known only as 1990)");
  r.date = "1989-12-31";
  CHECK(screen_one(c, r).decision == Final::exclude);
}
