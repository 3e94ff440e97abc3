// to_pubmed and to_crossref: the exact strings the search log records.
#include "synth/query/query.hpp"

#include <catch2/catch.hpp>

using namespace synth::query;

namespace {

const char* const k_medline = R"(database: pubmed
name: Helpful relationships with professionals, SMI
date-from: 1990-01-01
date-to: 2013-11-30
language: english
---
#1 "mental illness"[tiab] OR psychiatry[tiab] OR "mental health services"[tiab]
#2 "helping relation*"[tiab] OR "helping alliance"[tiab] OR "working alliance"[tiab]
   OR "therapeutic alliance"[tiab] OR "client relation*"[tiab] OR "professional relation*"[tiab]
   OR "working relation*"[tiab]
#3 qualitative[tiab] OR "grounded theory"[tiab] OR interview*[tiab] OR experience*[tiab]
#4 #1 AND #2 AND #3
)";

QueryFile with_body(const std::string& header, const std::string& body)
{
  return parse_query_text(header + "---\n" + body, "t.query");
}

} // namespace

TEST_CASE("to_pubmed of the DESIGN.md medline strategy", "[query]")
{
  auto q = parse_query_text(k_medline, "queries/medline.query");
  CHECK(to_pubmed(q)
        == "((\"mental illness\"[tiab] OR psychiatry[tiab] OR \"mental health services\"[tiab]) AND "
           "(\"helping relation*\"[tiab] OR \"helping alliance\"[tiab] OR \"working alliance\"[tiab] OR "
           "\"therapeutic alliance\"[tiab] OR \"client relation*\"[tiab] OR \"professional relation*\"[tiab] OR "
           "\"working relation*\"[tiab]) AND (qualitative[tiab] OR \"grounded theory\"[tiab] OR "
           "interview*[tiab] OR experience*[tiab])) AND english[la] AND "
           "(\"1990/01/01\"[dp] : \"2013/11/30\"[dp])");
}

TEST_CASE("to_pubmed limits: none, one side of the window, several languages, single terms", "[query]")
{
  CHECK(to_pubmed(with_body("database: pubmed\n", "a[ti]  OR   b[ti]\n")) == "a[ti] OR b[ti]");
  CHECK(to_pubmed(with_body("database: pubmed\ndate-from: 2000\n", "a[ti] OR b[ti]\n"))
        == "(a[ti] OR b[ti]) AND (\"2000\"[dp] : \"3000\"[dp])");
  CHECK(to_pubmed(with_body("database: pubmed\ndate-to: 2013-11\n", "a[ti]\n"))
        == "a[ti] AND (\"1000\"[dp] : \"2013/11\"[dp])");
  CHECK(to_pubmed(with_body("database: pubmed\nlanguage: English, French\n", "(a OR b)\n"))
        == "(a OR b) AND (english[la] OR french[la])");
  // the last line alone is the search; a reference keeps its parentheses
  CHECK(to_pubmed(with_body("database: pubmed\nlanguage: english\n", "#1 a OR b\n#2 #1\n"))
        == "(a OR b) AND english[la]");
}

TEST_CASE("to_pubmed sends the strategy as written: implicit ANDs, lower-case words, tags, curly quotes", "[query]")
{
  CHECK(to_pubmed(with_body("database: pubmed\n", "#1 bile duct[tiab] or biliary[tiab]\n#2 a[ti] b[ti]\n#3 #1 #2\n"))
        == "(bile duct[tiab] or biliary[tiab]) (a[ti] b[ti])");
  CHECK(to_pubmed(with_body("database: pubmed\n", "“Reflex, stretch”[mesh] OR Ultrasonography  [mh] OR "
                                                  "\"Common Bile Duct Calculi \"[MESH]\n"))
        == "\"Reflex, stretch\"[mesh] OR Ultrasonography[mh] OR \"Common Bile Duct Calculi\"[MESH]");
  CHECK(to_pubmed(with_body("database: pubmed\n", "\"hip pain\"[Title/Abstract:~2] AND 2019/1/1:2024/2/22[pdat]\n"))
        == "\"hip pain\"[Title/Abstract:~2] AND 2019/1/1:2024/2/22[pdat]");
}

TEST_CASE("to_crossref of the medline strategy", "[query]")
{
  auto q = parse_query_text(k_medline, "queries/medline.query");
  auto c = to_crossref(q);
  CHECK(c.bibliographic
        == "mental illness psychiatry mental health services helping relation helping alliance working "
           "alliance therapeutic alliance client relation professional relation working relation qualitative "
           "grounded theory interview experience");
  CHECK(c.filter == "from-pub-date:1990-01-01,until-pub-date:2013-11-30,type:journal-article");
}

TEST_CASE("to_crossref leaves out negated and non-text terms, repeats and absent limits", "[query]")
{
  auto q = with_body("database: crossref\ndate-from: 1990-01-01\n",
                     "#1 Alliance[ti] OR \"Working Alliance\"[tiab] OR alliance*[tiab]\n"
                     "#2 #1 AND \"mental disorders\"[mh] AND english[la] AND review[pt] AND 2013[dp]\n"
                     "#3 #2 NOT (animal*[tiab] OR rats[ti]) AND topor a[au]\n");
  auto c = to_crossref(q);
  CHECK(c.bibliographic == "Alliance Working Alliance topor a");
  CHECK(c.filter == "from-pub-date:1990-01-01,type:journal-article");
  auto none = to_crossref(with_body("database: crossref\n", "x\n"));
  CHECK(none.bibliographic == "x");
  CHECK(none.filter == "type:journal-article");
}

TEST_CASE("translation notes: tags the engine cannot honour", "[query]")
{
  // PubMed's own problems ([ab] ...) are findings of the checker, not notes
  CHECK(translation_notes(check_query_text("database: pubmed\n---\na[tiab] OR b[ab]\n", "t.query")).empty());
  CHECK(translation_notes(with_body("database: pubmed\n", "a[tiab] AND humans[mh]\n")).empty());
  CHECK(translation_notes(with_body("database: crossref\n", "a[tiab] AND humans[mh] AND b[majr]\n"))
        == std::vector<std::string>{
          "[mh] terms cannot match Crossref works (they have no MeSH): they are false for every work",
          "[majr] terms cannot match Crossref works (they have no MeSH): they are false for every work"});
  CHECK(translation_notes(with_body("database: crossref\n", "a[ab] OR b[ti]\n")).empty());
  CHECK(translation_notes(with_body("database: CINAHL\n", "a[ab] AND b[mh]\n")).empty());
  CHECK(translation_notes(with_body("database: crossref\n", "a[tiab] AND b[nm] AND c[sh]\n"))
        == std::vector<std::string>{
          "[nm] cannot be evaluated on Crossref works: its terms are false for every work",
          "[sh] terms cannot match Crossref works (they have no MeSH): they are false for every work"});
}
