// Every syntax error names file:line:col and what was expected.
#include "synth/core/error.hpp"
#include "synth/query/query.hpp"

#include <catch2/catch.hpp>

using namespace synth::query;

namespace {

std::string error_of(const std::string& text)
{
  try {
    parse_query_text(text, "x.query");
  } catch (const synth::Error& e) {
    return e.what();
  }
  return "no error";
}

std::string body_error(const std::string& body) { return error_of("database: pubmed\n---\n" + body); }

std::string expression_error(const std::string& text, int col_offset)
{
  try {
    parse_expression(text, "criteria.txt", 7, col_offset);
  } catch (const synth::Error& e) {
    return e.what();
  }
  return "no error";
}

} // namespace

TEST_CASE("parenthesis errors", "[query]")
{
  CHECK(body_error("#1 (a[tiab] OR b[tiab]\n   OR c[tiab]\n")
        == "x.query:3:4: unbalanced parenthesis: expected ')' before end of line 4");
  CHECK(body_error("#1 a[tiab])\n") == "x.query:3:11: unbalanced parenthesis: ')' without '('");
  CHECK(body_error("#1 a OR ()\n") == "x.query:3:9: empty parentheses, expected an expression between '(' and ')'");
  CHECK(body_error("#1 (a OR b)[tiab]\n")
        == "x.query:3:12: field tag [tiab] after ')': PubMed tags terms, not groups or lines; tag each term inside "
           "the parentheses: (eHealth[tiab] OR mHealth[tiab])");
}

TEST_CASE("term and tag errors", "[query]")
{
  CHECK(body_error("#1 a[tiabx]\n")
        == "x.query:3:5: unknown field tag [tiabx], expected a PubMed tag such as [tiab] [ti] [tw] [mh] [majr] [sh] "
           "[pt] [la] [dp] [au] (see docs/search.md)");
  CHECK(body_error("#1 \"mental illness[tiab]\n")
        == "x.query:3:4: unterminated phrase: expected a closing quote before end of line 3; close the phrase, or "
           "remove the stray quote");
  CHECK(body_error("#1 a[tiab\n") == "x.query:3:5: unclosed field tag: expected ']' before end of line 3");
  CHECK(body_error("#1 *cancer[tiab]\n")
        == "x.query:3:4: '*' at the start of '*cancer': PubMed needs at least 4 characters before the first '*'; "
           "write the word's start (cancer*), or the variants joined by OR");
  CHECK(body_error("#1 a OR\n") == "x.query:3:6: missing term after OR, expected a term, a \"phrase\", '(' or #n");
  CHECK(body_error("#1 AND a\n") == "x.query:3:4: unexpected 'AND', expected a term, a \"phrase\", '(' or #n");
  CHECK(body_error("#1 a AND 2013/13[dp]\n")
        == "x.query:3:10: bad date '2013/13' in [dp], expected YYYY, YYYY/MM or YYYY/MM/DD; months and days may "
           "have one or two digits: 2019/1/31");
  CHECK(body_error("#1 \"\"[ti]\n") == "x.query:3:4: empty phrase \"\", expected words between the quotes");
}

TEST_CASE("line and reference errors", "[query]")
{
  CHECK(body_error("#1 a\n#2 #1 AND #5\n") == "x.query:4:11: #5 refers to a line that does not exist");
  CHECK(body_error("#1 #2\n#2 a\n")
        == "x.query:3:4: #1 refers to line #2, which comes later, expected a reference to an earlier line; renumber "
           "the lines so that each refers to lines above it");
  CHECK(body_error("#1 a OR #1\n")
        == "x.query:3:9: #1 refers to itself, expected a reference to an earlier line; renumber the lines so that "
           "each refers to lines above it");
  CHECK(body_error("a OR #1\n") == "x.query:3:6: #1 refers to a line that does not exist");
  CHECK(body_error("#1 a\n#1 b\n") == "x.query:4:1: #1 is defined twice (first on line 3), expected a new number");
  CHECK(body_error("#1 a\nb OR c\n")
        == "x.query:4:1: line does not start with #n, expected '#n expression' or an indented continuation line");
  CHECK(
    body_error("a OR b\n#2 c\n")
    == "x.query:4:1: numbered line #2 after an unnumbered expression, expected every line to start with #n or none");
  CHECK(body_error("#1 a\n#2\n") == "x.query:4:1: #2 has no expression, expected a search expression after #2");
  CHECK(body_error("# only a comment\n\n") == "x.query:2:1: empty strategy, expected a search expression after '---'");
  CHECK(body_error("#1 a OR #12345678\n") == "x.query:3:9: line number too large, expected at most 6 digits after '#'");
  CHECK(body_error("#12345678 a\n") == "x.query:3:1: line number too large, expected at most 6 digits after '#'");
  CHECK(body_error("#1 a #x\n") == "x.query:3:6: '#' must start a reference like #3 or a comment like '# text'");
}

TEST_CASE("header errors", "[query]")
{
  CHECK(error_of("databse: pubmed\n---\na\n")
        == "x.query:1:1: unknown header key 'databse', expected database, name, date-from, date-to, language or x-...");
  CHECK(error_of("database: pubmed\n#1 a\n")
        == "x.query:2:1: strategy before the '---' line, expected '---' between the header and the strategy");
  CHECK(error_of("database: pubmed\nname: x\n")
        == "x.query:2:1: missing '---' line, expected '---' between the header and the strategy");
  CHECK(error_of("name: x\n---\na\n")
        == "x.query:2:1: missing header key 'database', expected e.g. 'database: pubmed' before '---'");
  CHECK(error_of("database: pubmed\ndate-to: 2013-11-31\n---\na\n")
        == "x.query:2:1: bad date '2013-11-31' for date-to, expected YYYY-MM-DD");
  CHECK(error_of("database: pubmed\n  date-from: 1990/01/01\n---\na\n")
        == "x.query:2:3: bad date '1990/01/01' for date-from, expected YYYY-MM-DD");
  CHECK(error_of("database: pubmed\ndate-from: 2013-01-01\ndate-to: 1990\n---\na\n")
        == "x.query:3:1: date-to 1990 is before date-from 2013-01-01, expected a later date");
  CHECK(error_of("database: pubmed\ndatabase: crossref\n---\na\n")
        == "x.query:2:1: header key 'database' given twice, expected it once");
  CHECK(error_of("database:\n---\na\n")
        == "x.query:1:1: empty value for header key 'database', expected a value after ':'");
  CHECK(error_of("database pubmed\n---\na\n") == "x.query:1:1: expected 'key: value' in the header");
  CHECK(error_of("database: pubmed\n---\n#1 caf\xC3\n")
        == "x.query:3: invalid UTF-8, expected a UTF-8 text file; convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8");
}

TEST_CASE("parse_expression places columns after the offset and refuses references", "[query]")
{
  CHECK(expression_error("a OR (b", 20)
        == "criteria.txt:7:26: unbalanced parenthesis: expected ')' before end of line 7");
  CHECK(expression_error("#2 AND a", 20) == "criteria.txt:7:21: #2 refers to a line that does not exist");
  // columns count characters, not bytes
  CHECK(expression_error("\"Über\"[ti] OR x[foo]", 0)
        == "criteria.txt:7:16: unknown field tag [foo], expected a PubMed tag such as [tiab] [ti] [tw] [mh] [majr] "
           "[sh] [pt] [la] [dp] [au] (see docs/search.md)");
}

TEST_CASE("a query file that cannot be read is an error naming it", "[query]")
{
  try {
    parse_query_file("/nonexistent/dir/x.query");
    FAIL("no error");
  } catch (const synth::Error& e) {
    CHECK(std::string(e.what()).rfind("/nonexistent/dir/x.query: cannot open", 0) == 0);
  }
}
