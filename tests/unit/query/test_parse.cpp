// Parsing query files: header, numbered lines, continuation, comments, single expression.
#include "synth/query/query.hpp"

#include <catch2/catch.hpp>

using namespace synth::query;

namespace {

const char* const k_medline = R"(# queries/medline.query: comments start with #
database: pubmed                 # pubmed | crossref | any other name (run by hand, then imported)
name: Helpful relationships with professionals, SMI
date-from: 1990-01-01            # publication date window, inclusive
date-to: 2013-11-30
language: english                # optional limit
---
#1 "mental illness"[tiab] OR psychiatry[tiab] OR "mental health services"[tiab]
#2 "helping relation*"[tiab] OR "helping alliance"[tiab] OR "working alliance"[tiab]
   OR "therapeutic alliance"[tiab] OR "client relation*"[tiab] OR "professional relation*"[tiab]
   OR "working relation*"[tiab]
#3 qualitative[tiab] OR "grounded theory"[tiab] OR interview*[tiab] OR experience*[tiab]
#4 #1 AND #2 AND #3
)";

} // namespace

TEST_CASE("the DESIGN.md medline example parses into header, lines and expression", "[query]")
{
  auto q = parse_query_text(k_medline, "queries/medline.query");
  CHECK(q.path == "queries/medline.query");
  CHECK(q.text == k_medline);
  CHECK(q.database == "pubmed");
  CHECK(engine(q) == Engine::pubmed);
  CHECK(q.name == "Helpful relationships with professionals, SMI");
  CHECK(q.date_from == "1990-01-01");
  CHECK(q.date_to == "2013-11-30");
  CHECK(q.language == "english");
  CHECK(q.header.size() == 5);
  CHECK(q.header.at("database") == "pubmed");

  REQUIRE(q.lines.size() == 4);
  CHECK(q.lines[0].number == 1);
  CHECK(q.lines[0].line == 8);
  CHECK(q.lines[1].number == 2);
  CHECK(q.lines[1].line == 9);
  CHECK(q.lines[2].line == 12);
  CHECK(q.lines[3].number == 4);
  CHECK(q.lines[3].line == 13);
  // continuation lines are joined to their numbered line
  CHECK(q.lines[1].text
        == "\"helping relation*\"[tiab] OR \"helping alliance\"[tiab] OR \"working alliance\"[tiab] "
           "OR \"therapeutic alliance\"[tiab] OR \"client relation*\"[tiab] OR \"professional "
           "relation*\"[tiab] OR \"working relation*\"[tiab]");
  CHECK(q.lines[3].text == "#1 AND #2 AND #3");

  // the search is the last line, references expanded
  REQUIRE(q.expression == q.lines[3].expression);
  CHECK(render(*q.expression)
        == "(\"mental illness\"[tiab] OR psychiatry[tiab] OR \"mental health services\"[tiab]) AND "
           "(\"helping relation*\"[tiab] OR \"helping alliance\"[tiab] OR \"working alliance\"[tiab] OR "
           "\"therapeutic alliance\"[tiab] OR \"client relation*\"[tiab] OR \"professional relation*\"[tiab] OR "
           "\"working relation*\"[tiab]) AND (qualitative[tiab] OR \"grounded theory\"[tiab] OR "
           "interview*[tiab] OR experience*[tiab])");
}

TEST_CASE("operators are applied left to right with equal precedence, as in PubMed", "[query]")
{
  auto node = parse_expression("a OR b AND c NOT d", "t", 1, 0);
  // ((a OR b) AND c) NOT d
  REQUIRE(node->kind == Node::Kind::op_not);
  CHECK(node->children[1]->text == "d");
  const auto& and_node = node->children[0];
  REQUIRE(and_node->kind == Node::Kind::op_and);
  CHECK(and_node->children[1]->text == "c");
  REQUIRE(and_node->children[0]->kind == Node::Kind::op_or);
  CHECK(and_node->children[0]->children[0]->text == "a");

  auto nested = parse_expression("a AND (b OR c)", "t", 1, 0);
  REQUIRE(nested->kind == Node::Kind::op_and);
  CHECK(nested->children[1]->kind == Node::Kind::group);
  CHECK(render(*nested) == "a AND (b OR c)");
}

TEST_CASE("terms: phrases, truncation, tags, word runs, implicit AND, lower-case operators", "[query]")
{
  auto phrase = parse_expression("\"helping  relation*\"[Title/Abstract]", "t", 1, 0);
  CHECK(phrase->kind == Node::Kind::term);
  CHECK(phrase->is_phrase);
  CHECK(phrase->truncated);
  CHECK(phrase->text == "helping relation*");
  CHECK(phrase->tag == "Title/Abstract");
  CHECK(phrase->field == Field::tiab);

  auto words = parse_expression("mental illness[tiab]", "t", 1, 0);
  CHECK(words->kind == Node::Kind::term);
  CHECK_FALSE(words->is_phrase);
  CHECK(words->text == "mental illness");
  CHECK(words->field == Field::tiab);

  auto lower = parse_expression("salt and pepper", "t", 1, 0);
  CHECK(lower->kind == Node::Kind::term);
  CHECK(lower->text == "salt and pepper");

  auto implicit = parse_expression("\"a b\"[ti] c[ab]", "t", 1, 0);
  CHECK(implicit->kind == Node::Kind::op_and);
  CHECK(render(*implicit) == "\"a b\"[ti] AND c[ab]");

  CHECK(parse_expression("x[MeSH Terms]", "t", 1, 0)->field == Field::mh);
  CHECK(parse_expression("x[mh:noexp]", "t", 1, 0)->field == Field::mh);
  CHECK(parse_expression("x[majr]", "t", 1, 0)->field == Field::majr);
  CHECK(parse_expression("review[Publication Type]", "t", 1, 0)->field == Field::pt);
  CHECK(parse_expression("english[la]", "t", 1, 0)->field == Field::la);
  CHECK(parse_expression("topor a[au]", "t", 1, 0)->field == Field::au);
  CHECK(parse_expression("x[TW]", "t", 1, 0)->field == Field::tw);
}

TEST_CASE("date ranges in the three PubMed forms", "[query]")
{
  auto spaced = parse_expression("\"1990/01/01\"[dp] : \"2013/11/30\"[dp]", "t", 1, 0);
  REQUIRE(spaced->kind == Node::Kind::date_range);
  CHECK(spaced->children[0]->text == "1990/01/01");
  CHECK(spaced->children[1]->text == "2013/11/30");
  CHECK(render(*spaced) == "\"1990/01/01\"[dp] : \"2013/11/30\"[dp]");

  auto compact = parse_expression("1990:2013[dp]", "t", 1, 0);
  REQUIRE(compact->kind == Node::Kind::date_range);
  CHECK(compact->compact);
  CHECK(compact->children[0]->text == "1990");
  CHECK(compact->children[1]->text == "2013");
  CHECK(render(*compact) == "1990:2013[dp]");

  auto tight = parse_expression("a AND (\"1990\"[pdat]:\"2013/11\"[pdat])", "t", 1, 0);
  CHECK(render(*tight) == "a AND (\"1990\"[pdat] : \"2013/11\"[pdat])");

  auto single = parse_expression("2013[dp]", "t", 1, 0);
  CHECK(single->kind == Node::Kind::term);
  CHECK(single->field == Field::dp);
}

TEST_CASE("a single expression over several lines, comments, blank lines, CRLF", "[query]")
{
  auto q = parse_query_text("# a comment\r\n"
                            "database: Crossref\r\n"
                            "x-owner: A. Librarian  # trailing comment\r\n"
                            "name: Study #2\r\n"
                            "\r\n"
                            "---\r\n"
                            "# the strategy\r\n"
                            "(alliance[tiab] OR \"helping relation*\"[tiab])\r\n"
                            "  # a comment line inside\r\n"
                            "AND interview*[tiab]   # why interviews\r\n",
                            "c.query");
  CHECK(q.database == "Crossref");
  CHECK(engine(q) == Engine::crossref);
  CHECK(q.header.at("x-owner") == "A. Librarian");
  CHECK(q.name == "Study #2");
  REQUIRE(q.lines.size() == 1);
  CHECK(q.lines[0].number == 0);
  CHECK(q.lines[0].line == 8);
  CHECK(render(*q.expression) == "(alliance[tiab] OR \"helping relation*\"[tiab]) AND interview*[tiab]");
}

TEST_CASE("numbered lines may reference any earlier line, gaps allowed", "[query]")
{
  auto q = parse_query_text("database: CINAHL\n---\n#1 a[ti]\n#5 b[ti]\n#6 #5 NOT #1\n", "c.query");
  CHECK(engine(q) == Engine::manual);
  REQUIRE(q.lines.size() == 3);
  CHECK(q.expression->kind == Node::Kind::op_not);
  CHECK(q.expression->children[0]->kind == Node::Kind::reference);
  CHECK(q.expression->children[0]->reference == 5);
  CHECK(render(*q.expression) == "(b[ti]) NOT (a[ti])");
}

TEST_CASE("fields_used lists each field once in first-use order", "[query]")
{
  auto node = parse_expression("a[tiab] OR b OR c[mh] AND d[tiab] AND 1990:2013[dp]", "t", 1, 0);
  CHECK(fields_used(*node) == std::vector<Field>{Field::tiab, Field::none, Field::mh, Field::dp});
}
