// The local evaluator on hand-made records: what a reviewer would check by eye.
#include "synth/query/query.hpp"
#include "synth/util/text.hpp"

#include <catch2/catch.hpp>

using namespace synth::query;
using synth::Record;

namespace {

Record article(std::string title, std::string abstract = {})
{
  Record r;
  r.title = std::move(title);
  r.abstract = std::move(abstract);
  return r;
}

bool hit(const std::string& expression, const Record& r)
{
  return CompiledQuery(*parse_expression(expression, "t", 1, 0)).matches(r);
}

} // namespace

TEST_CASE("truncation matches word prefixes on word boundaries only", "[query]")
{
  CHECK(hit("interview*[tiab]", article("Interviews with service users")));
  CHECK(hit("interview*[tiab]", article("An interview")));
  CHECK_FALSE(hit("interview*[tiab]", article("A preinterview survey")));
  CHECK_FALSE(hit("interview[tiab]", article("Interviews with service users")));
  CHECK(hit("interview[tiab]", article("In-depth interview.")));
  CHECK_FALSE(hit("psychiatry[tiab]", article("Psychiatrist views")));
}

TEST_CASE("a '*' inside a word stands for any characters", "[query]")
{
  CHECK(hit("organi*ation[tiab]", article("Organisation of care")));
  CHECK(hit("organi*ation[tiab]", article("Organization of care")));
  CHECK_FALSE(hit("organi*ation[tiab]", article("Organizations of care")));
  CHECK(hit("organi*ation*[tiab]", article("Organizations of care")));
  CHECK(hit("\"colo* cancer*\"[tiab]", article("Colorectal cancers in adults")));
  CHECK_FALSE(hit("\"colo* cancer*\"[tiab]", article("Cancer of the colon")));
  CHECK(hit("haemo*globin[ti]", article("Haemoglobin levels")));
  CHECK_FALSE(hit("haemo*globin[ti]", article("Haemo globin levels")));
}

TEST_CASE("proximity: the words in any order with at most N words between", "[query]")
{
  // NLM's own example: "hip pain"[tiab:~2] finds "pain after total hip arthroplasty"
  CHECK(hit("\"hip pain\"[tiab:~2]", article("Pain after total hip arthroplasty")));
  CHECK_FALSE(hit("\"hip pain\"[tiab:~1]", article("Pain after total hip arthroplasty")));
  CHECK(hit("\"hip pain\"[tiab:~2]", article("hip-related pain")));
  CHECK(hit("\"hip pain\"[tiab:~0]", article("Hip pain")));
  CHECK_FALSE(hit("\"hip pain\"[tiab:~0]", article("Hip joint pain")));
  CHECK(hit("\"rationing healthcare\"[tiab:~1]", article("Rationing of healthcare")));
  CHECK(hit("\"hip pain\"[ti:~1]", article("Groin", "hip and pain")) == false); // [ti]: the title only
  CHECK(hit("\"hip pain\"[tiab:~1]", article("Groin", "hip and pain")));
}

TEST_CASE("MeSH subheadings, first and last authors, line references", "[query]")
{
  Record r = article("x");
  r.mesh = {"Schizophrenia/therapy/drug therapy*", "Humans"};
  r.authors = {{"Ljungberg", "Amanda"}, {"Denhov", "Anne"}, {"Topor", "Alain"}};
  CHECK(hit("Schizophrenia/therapy[mh]", r));
  CHECK(hit("Schizophrenia/drug therapy[mh]", r));
  CHECK_FALSE(hit("Schizophrenia/diagnosis[mh]", r));
  CHECK_FALSE(hit("Humans/therapy[mh]", r));
  CHECK(hit("therapy[sh]", r));
  CHECK_FALSE(hit("diagnosis[sh]", r));
  CHECK(hit("ljungberg a[1au]", r));
  CHECK_FALSE(hit("topor a[1au]", r));
  CHECK(hit("topor a[lastau]", r));
  CHECK_FALSE(hit("aspirin[nm]", r)); // not on a record: false, and reported
  CHECK(CompiledQuery(*parse_expression("aspirin[nm] OR x", "t", 1, 0)).unhonoured_tags(r)
        == std::vector<std::string>{"nm"});
  auto q = parse_query_text("database: crossref\n---\n#1 x[ti]\n#2 #1 OR #1\n#3 #2 AND #2 NOT y[ti]\n", "q");
  CHECK(CompiledQuery(q).matches(r));
  r.title = "x y";
  CHECK_FALSE(CompiledQuery(q).matches(r));
}

TEST_CASE("phrases match consecutive words, with truncation inside", "[query]")
{
  CHECK(hit("\"helping relation*\"[tiab]", article("The helping relationship in psychiatry")));
  CHECK(hit("\"helping relation*\"[tiab]", article("Helping-relations matter")));
  CHECK_FALSE(hit("\"helping relation*\"[tiab]", article("Relationships helping people")));
  CHECK_FALSE(hit("\"helping relation*\"[tiab]", article("Helping the relationship")));
  CHECK_FALSE(hit("\"mental illness\"[tiab]", article("Severe mental", "Illness and recovery")));
  // an unquoted word run needs every word, in any order
  CHECK(hit("illness mental[tiab]", article("Severe mental", "Illness and recovery")));
  CHECK_FALSE(hit("illness mental[tiab]", article("Severe mental disorder")));
}

TEST_CASE("case, accents and punctuation are folded", "[query]")
{
  CHECK(hit("\"therapeutic alliance\"[tiab]", article("THERAPEUTIC ALLIANCE: a review")));
  CHECK(hit("cafe[ti]", article("Le Café des patients")));
  CHECK(hit("\"über größe\"[ti]", article("Uber-Grosse")));
  CHECK(hit("self-help[tiab]", article("Self help groups")));
  CHECK_FALSE(hit("self-help[tiab]", article("Help yourself")));
}

TEST_CASE("boolean truth table with NOT and nesting", "[query]")
{
  const std::string expr = "(alliance[tiab] OR relation*[tiab]) AND interview*[tiab] NOT rats[tiab]";
  CHECK(hit(expr, article("Alliance", "We interviewed patients")));
  CHECK(hit(expr, article("Relationships", "Interviews")));
  CHECK_FALSE(hit(expr, article("Alliance", "A survey")));
  CHECK_FALSE(hit(expr, article("Interviews only")));
  CHECK_FALSE(hit(expr, article("Alliance in rats", "Interviews")));
  // left to right: a OR b AND c is (a OR b) AND c
  CHECK_FALSE(hit("alpha OR beta AND gamma", article("alpha")));
  CHECK(hit("alpha OR (beta AND gamma)", article("alpha")));
  CHECK(hit("alpha OR beta AND gamma", article("alpha gamma")));
}

TEST_CASE("title and abstract tags", "[query]")
{
  auto r = article("Working alliance", "Qualitative interviews");
  CHECK(hit("alliance[ti]", r));
  CHECK_FALSE(hit("alliance[ab]", r));
  CHECK(hit("qualitative[ab]", r));
  CHECK_FALSE(hit("qualitative[ti]", r));
  CHECK(hit("qualitative[tw] AND alliance[all] AND qualitative", r));
}

TEST_CASE("author, language, publication type, MeSH, journal, keyword and date tags", "[query]")
{
  Record r = article("Helpful relationships");
  r.authors = {{"Ljungberg", "Amanda"}, {"Denhov", "Anne"}, {"Topor", "A"}, {"de Jong", "J. P."}};
  r.language = "eng";
  r.publication_types = {"Journal Article", "Review"};
  r.type = "review";
  r.mesh = {"Mental Disorders/psychology*", "Professional-Patient Relations", "Humans"};
  r.journal = "Psychiatric Quarterly";
  r.journal_abbrev = "Psychiatr Q";
  r.keywords = {"Severe mental illness", "Meta-ethnography"};
  r.date = "2015-09";
  r.year = 2015;

  CHECK(hit("topor[au]", r));
  CHECK(hit("topor a[au]", r));
  CHECK(hit("Ljungberg A[au]", r));
  CHECK(hit("Ljungberg, Amanda[au]", r));
  CHECK(hit("Amanda Ljungberg[au]", r));
  CHECK(hit("de jong jp[au]", r));
  CHECK(hit("de jong j[au]", r));
  CHECK(hit("denh*[au]", r));
  CHECK_FALSE(hit("topor b[au]", r));
  CHECK_FALSE(hit("top[au]", r));

  CHECK(hit("english[la]", r));
  CHECK(hit("eng[la]", r));
  CHECK_FALSE(hit("french[la]", r));

  CHECK(hit("\"journal article\"[pt]", r));
  CHECK(hit("review[pt]", r));
  CHECK_FALSE(hit("article[pt]", r));

  CHECK(hit("\"mental disorders\"[mh]", r));
  CHECK(hit("\"mental disorders\"[majr]", r));
  CHECK_FALSE(hit("humans[majr]", r));
  CHECK(hit("\"professional patient relations\"[mh]", r));
  CHECK_FALSE(hit("mental[mh]", r));
  CHECK(hit("mental*[mh]", r));

  CHECK(hit("\"psychiatric quarterly\"[ta]", r));
  CHECK(hit("\"psychiatr q\"[ta]", r));
  CHECK(hit("ethnography[ot]", r));
  CHECK_FALSE(hit("ethnography[tiab]", r));

  CHECK(hit("2015[dp]", r));
  CHECK(hit("2015/09[dp]", r));
  CHECK_FALSE(hit("2015/10[dp]", r));
  CHECK(hit("1990:2015[dp]", r));
  CHECK(hit("\"2015/09/30\"[dp] : \"2016\"[dp]", r));
  CHECK_FALSE(hit("\"1990/01/01\"[dp] : \"2013/11/30\"[dp]", r));
}

TEST_CASE("a tag the record cannot honour makes its term false, and is reported", "[query]")
{
  Record crossref = article("Working alliance in psychiatry");
  auto node =
    parse_expression("alliance[tiab] AND (\"mental disorders\"[mh] OR psychiatry[ti]) AND english[la]", "t", 1, 0);
  CompiledQuery compiled(*node);
  CHECK_FALSE(compiled.matches(crossref)); // no language: english[la] is false
  CHECK(compiled.unhonoured_tags(crossref) == std::vector<std::string>{"mh", "la"});
  crossref.language = "eng";
  CHECK(compiled.matches(crossref)); // psychiatry[ti] carries the OR without MeSH
  CHECK(compiled.unhonoured_tags(crossref) == std::vector<std::string>{"mh"});
  CHECK(CompiledQuery(*parse_expression("x NOT \"mental disorders\"[mh]", "t", 1, 0)).matches(article("x")));
}

TEST_CASE("query-file header limits filter, and unknown values do not exclude", "[query]")
{
  auto q = parse_query_text("database: crossref\ndate-from: 1990-01-01\ndate-to: 2013-11-30\nlanguage: english\n"
                            "---\nalliance[tiab]\n",
                            "c.query");
  CompiledQuery compiled(q);
  Record r = article("Working alliance");
  CHECK(compiled.matches(r)); // no date, no language: kept
  r.date = "2013-11-30";
  CHECK(compiled.matches(r));
  r.date = "2013-12-01";
  CHECK_FALSE(compiled.matches(r));
  r.date.clear();
  r.year = 1989;
  CHECK_FALSE(compiled.matches(r));
  r.year = 1990;
  r.language = "ger";
  CHECK_FALSE(compiled.matches(r));
  r.language = "eng";
  CHECK(compiled.matches(r));
  CHECK(matches(q, r));
  CHECK_FALSE(matches(*q.expression, article("no match")));
}

TEST_CASE("matches_text and TextPattern for screening rules", "[query]")
{
  CompiledQuery c(*parse_expression("\"grounded theory\" OR interview*[tiab] NOT english[la]", "t", 1, 0));
  CHECK(c.matches_text("A Grounded-Theory study"));
  CHECK(c.matches_text("Semi-structured interviews"));
  CHECK_FALSE(c.matches_text("A randomised trial"));

  TextPattern p("helping relation*", true);
  CHECK(p.matches("Helping relationships."));
  CHECK_FALSE(p.matches("helping"));
  CHECK(p.equals_folded("helping relations"));
  CHECK_FALSE(p.equals_folded("the helping relations"));
  CHECK(TextPattern("-", false).empty());
  CHECK_FALSE(TextPattern("-", false).matches("-"));
}

TEST_CASE("fold_text gives util::fold's result, ASCII or not", "[query]")
{
  for (const char* text : {"Über-Größe, Café!", "  A (B)  c-D 12.5% \t\n x", "", "---", "O'Brien's self-help",
                           "Working ALLIANCE: a [review]", "x\x01y~z|0"}) {
    INFO(text);
    CHECK(fold_text(text) == synth::util::fold(text));
  }
}
