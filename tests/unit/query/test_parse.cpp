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
  // one chain read left to right: ((a OR b) AND c) NOT d
  REQUIRE(node->kind == Node::Kind::chain);
  REQUIRE(node->children.size() == 4);
  CHECK(node->children[3]->text == "d");
  REQUIRE(node->ops.size() == 3);
  CHECK(node->ops[0].op == Op::op_or);
  CHECK(node->ops[1].op == Op::op_and);
  CHECK(node->ops[2].op == Op::op_not);
  CHECK(node->ops[1].col == 8);
  CHECK_FALSE(node->ops[1].implicit);

  auto nested = parse_expression("a AND (b OR c)", "t", 1, 0);
  REQUIRE(nested->kind == Node::Kind::chain);
  CHECK(nested->children[1]->kind == Node::Kind::group);
  CHECK(nested->children[1]->col == 7);
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
  CHECK(tag_name(*phrase) == "tiab");
  CHECK(phrase->fields == FieldSet{Field::title, Field::abstract, Field::keywords});

  auto words = parse_expression("mental illness[tiab]", "t", 1, 0);
  CHECK(words->kind == Node::Kind::term);
  CHECK_FALSE(words->is_phrase);
  CHECK(words->text == "mental illness");
  REQUIRE(words->words.size() == 2);
  CHECK(words->words[1].col == 8);

  auto lower = parse_expression("salt and pepper", "t", 1, 0);
  CHECK(lower->kind == Node::Kind::term);
  CHECK(lower->text == "salt and pepper");
  CHECK(lower->tag_info == nullptr);
  CHECK(lower->fields.empty());

  // no operator: PubMed's AND, kept implicit so that the text sent is the text written
  auto implicit = parse_expression("\"a b\"[ti] c[tiab]", "t", 1, 0);
  REQUIRE(implicit->kind == Node::Kind::chain);
  CHECK(implicit->ops[0].implicit);
  CHECK(implicit->ops[0].op == Op::op_and);
  CHECK(implicit->ops[0].col == 11);
  CHECK(render(*implicit) == "\"a b\"[ti] c[tiab]");
  auto lower_or = parse_expression("bile duct[tiab] or biliary[tiab]", "t", 1, 0);
  CHECK(render(*lower_or) == "bile duct[tiab] or biliary[tiab]");
  CHECK(lower_or->children[1]->text == "or biliary");

  CHECK(tag_name(*parse_expression("x[MeSH Terms]", "t", 1, 0)) == "mh");
  CHECK(tag_name(*parse_expression("x[ TW ]", "t", 1, 0)) == "tw");
  CHECK(tag_name(*parse_expression("review[Publication Type]", "t", 1, 0)) == "pt");
  CHECK(tag_name(*parse_expression("english[la]", "t", 1, 0)) == "la");
  CHECK(tag_name(*parse_expression("topor a[au]", "t", 1, 0)) == "au");
  CHECK(tag_name(*parse_expression("smith j[1au]", "t", 1, 0)) == "1au");
  CHECK(tag_name(*parse_expression("aspirin[Supplementary Concept]", "t", 1, 0)) == "nm");
  CHECK(tag_name(*parse_expression("humans[sb]", "t", 1, 0)) == "filter");
  CHECK(tag_name(*parse_expression("x[Subheading]", "t", 1, 0)) == "sh");
}

TEST_CASE("MeSH headings: explosion, major topics, subheadings", "[query]")
{
  auto mh = parse_expression("Schizophrenia/therapy[mh]", "t", 1, 0);
  REQUIRE(mh->heading);
  CHECK(mh->heading->vocabulary == Vocabulary::mesh);
  CHECK(mh->heading->explode);
  CHECK_FALSE(mh->heading->major);
  CHECK(mh->heading->subheading == "therapy");
  CHECK(mh->fields == FieldSet{Field::heading});

  auto noexp = parse_expression("\"Mental Disorders\"[majr:noexp]", "t", 1, 0);
  REQUIRE(noexp->heading);
  CHECK_FALSE(noexp->heading->explode);
  CHECK(noexp->heading->major);
  CHECK(noexp->tag == "majr:noexp");
  CHECK(tag_name(*parse_expression("x[MeSH Terms:noexp]", "t", 1, 0)) == "mh");
  CHECK_FALSE(parse_expression("x[mesh:noexp]", "t", 1, 0)->heading->explode);

  auto sh = parse_expression("therapy[sh]", "t", 1, 0);
  REQUIRE(sh->heading);
  CHECK(sh->heading->subheading == "therapy");
  CHECK(sh->fields == FieldSet{Field::subheading});
}

TEST_CASE("proximity: the phrase's words, at most N words between, any order", "[query]")
{
  auto near = parse_expression("\"digital health\"[tiab:~2]", "t", 1, 0);
  REQUIRE(near->proximity);
  CHECK(near->proximity->max_words_between == 2);
  CHECK_FALSE(near->proximity->ordered);
  CHECK(render(*near) == "\"digital health\"[tiab:~2]");
  CHECK(parse_expression("\"VLBW-I\"[Title/Abstract:~1]", "t", 1, 0)->proximity->max_words_between == 1);
  CHECK(parse_expression("\"a b\"[ad:~0]", "t", 1, 0)->proximity->max_words_between == 0);
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
  CHECK(tag_name(*single) == "dp");

  // one- or two-digit months and days, any date field
  auto short_digits = parse_expression("2019/1/1:2024/2/22[pdat]", "t", 1, 0);
  REQUIRE(short_digits->kind == Node::Kind::date_range);
  CHECK(short_digits->children[1]->text == "2024/2/22");
  auto created = parse_expression("(\"2006/01/01\"[Date - Create] : \"2023/08/18\"[Date - Create])", "t", 1, 0);
  CHECK(tag_name(*created->children[0]) == "crdt");
  CHECK(tag_name(*parse_expression("\"last 5 years\"[dp]", "t", 1, 0)) == "dp");
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
  CHECK(q.expression->kind == Node::Kind::chain);
  CHECK(q.expression->children[0]->kind == Node::Kind::reference);
  CHECK(q.expression->children[0]->reference == 5);
  // a line used twice is one shared tree, not a copy
  auto twice = parse_query_text("database: pubmed\n---\n#1 a[ti]\n#2 #1 OR #1\n", "c.query");
  CHECK(twice.expression->children[0]->children[0] == twice.expression->children[1]->children[0]);
  CHECK(twice.expression->children[0]->children[0] == twice.lines[0].expression);
  CHECK(render(*q.expression) == "(b[ti]) NOT (a[ti])");
}

TEST_CASE("tags_used lists each canonical tag once in first-use order", "[query]")
{
  auto node = parse_expression("a[Title/Abstract] OR b OR c[mh] AND d[tiab] AND 1990:2013[dp]", "t", 1, 0);
  CHECK(tags_used(*node) == std::vector<std::string>{"tiab", "", "mh", "dp"});
}

TEST_CASE("the strategy is kept verbatim, and the whole text is the file", "[query]")
{
  const std::string text = "database: CINAHL\n---\n\n#1 a[ti]   # note\r\n   OR b[ti]\n#2 #1\n\n";
  auto q = parse_query_text(text, "c.query");
  CHECK(q.text == text);
  CHECK(q.strategy == "#1 a[ti]   # note\n   OR b[ti]\n#2 #1");
}

TEST_CASE("the tree keeps wildcards and the header's limits for translators", "[query]")
{
  auto w = parse_expression("organi*ation*[tiab]", "t", 1, 0);
  REQUIRE(w->wildcards.size() == 2);
  CHECK_FALSE(w->wildcards[0].at_end);
  CHECK(w->wildcards[1].at_end);
  CHECK(w->wildcards[0].kind == Wildcard::Kind::any_characters);
  CHECK(parse_expression("\"helping relation*\"[tiab]", "t", 1, 0)->wildcards.size() == 1);

  auto q = parse_query_text("database: pubmed\ndate-from: 1990\nlanguage: English; French\n---\na[ti]\n", "q");
  REQUIRE(q.limits.size() == 2);
  CHECK(q.limits[0].kind == Limit::Kind::publication_date);
  CHECK(q.limits[0].from == "1990");
  CHECK(q.limits[0].to.empty());
  CHECK(q.limits[1].kind == Limit::Kind::language);
  CHECK(q.limits[1].languages == std::vector<std::string>{"english", "french"});
  CHECK(to_pubmed(q) == "a[ti] AND (english[la] OR french[la]) AND (\"1990\"[dp] : \"3000\"[dp])");
}
