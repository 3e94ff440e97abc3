// Hostile strategies (issue 15): each was a crash or an unbounded run before, and is now
// read in bounded time and memory, or refused at its line.
#include "synth/core/error.hpp"
#include "synth/core/record.hpp"
#include "synth/query/query.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace synth::query;

namespace {

// #1 a[tiab], then #n #n-1 OR #n-1 up to #lines: each line doubles what it expands to.
std::string doubling(int lines)
{
  std::string text = "database: pubmed\n---\n#1 a[tiab]\n";
  for (int n = 2; n <= lines; ++n) {
    text += "#" + std::to_string(n) + " #" + std::to_string(n - 1) + " OR #" + std::to_string(n - 1) + "\n";
  }
  return text;
}

} // namespace

TEST_CASE("39 lines of #n #n-1 OR #n-1 are refused at the line that would expand past the limit", "[query][limits]")
{
  // Before: the references were copied, 2^39 terms, std::bad_alloc after 15 GB.
  auto q = check_query_text(doubling(39), "x.query");
  REQUIRE(q.findings.size() == 1);
  const auto& f = q.findings.front();
  CHECK(f.code == "LIMIT");
  CHECK(f.severity == Severity::error);
  // #n expands to 2^(n-1) copies of a[tiab] ("(...) OR (...)" around them): #20 to
  // 7,864,312 characters, #21 to 15,728,632, the first over 8,000,000
  CHECK(f.line == 23);
  CHECK(format_finding("x.query", f)
        == "x.query:23:1: error [LIMIT]: #21 expands to more than 8000000 characters once its line references are "
           "replaced (synth sends at most 8000000)");
  CHECK(q.lines[19].expanded_size == 7864312);
  CHECK(q.lines[19].expression);
  CHECK_FALSE(q.lines[20].expression);
  CHECK_FALSE(q.expression);
  // a line used twice is shared, not copied: #19's tree holds #18's once
  CHECK(q.lines[18].expression->children[0]->children[0] == q.lines[17].expression);
  CHECK(q.lines[18].expression->children[1]->children[0] == q.lines[17].expression);
}

TEST_CASE("a strategy below the limit is sent expanded, and evaluated once per line", "[query][limits]")
{
  auto q = check_query_text(doubling(12), "x.query");
  CHECK_FALSE(has_errors(q));
  auto sent = to_pubmed(q);
  CHECK(sent.size() == q.lines.back().expanded_size);
  CHECK(sent.find("a[tiab]") != std::string::npos);
  synth::Record r;
  r.title = "A study";
  CHECK(CompiledQuery(q).matches(r)); // 2,048 copies of a[tiab], one evaluation
  r.title = "Nothing";
  CHECK_FALSE(CompiledQuery(q).matches(r));
}

TEST_CASE("100,000 ORed terms are one list, read, checked, sent and evaluated", "[query][limits]")
{
  // Before: a binary tree 100,000 deep, built and checked in quadratic time (160 s).
  std::string body;
  for (int i = 0; i < 100000; ++i) {
    body += (i ? " OR term" : "term") + std::to_string(i) + "[tiab]";
  }
  auto q = check_query_text("database: pubmed\n---\n" + body + "\n", "x.query");
  CHECK(q.findings.empty());
  REQUIRE(q.expression);
  CHECK(q.expression->kind == Node::Kind::chain);
  CHECK(q.expression->children.size() == 100000);
  CHECK(to_pubmed(q) == body);
  synth::Record r;
  r.title = "term99999";
  CHECK(CompiledQuery(q).matches(r));
  // and the redundancy check stays linear: the same list with a truncated stem in front
  auto redundant = check_query_text("database: pubmed\n---\nterm*[tiab] OR " + body + "\n", "x.query");
  CHECK(redundant.findings.size() == 100000);
  CHECK(redundant.findings.front().code == "REDUNDANT");
}

TEST_CASE("parentheses nested deeper than 1,000 are refused at the parenthesis, never a crash", "[query][limits]")
{
  // Before: 100,000 '(' overflowed the stack (SIGSEGV, exit 139).
  std::string deep(100000, '(');
  auto q = check_query_text("database: pubmed\n---\n" + deep + "a" + std::string(100000, ')') + "\n", "x.query");
  REQUIRE(q.findings.size() == 1);
  CHECK(format_finding("x.query", q.findings.front())
        == "x.query:3:1001: error [NESTING]: parentheses nested deeper than 1000; write the strategy as numbered lines "
           "that refer to each other");
  auto open = check_query_text("database: crossref\n---\n" + deep + "\n", "x.query");
  CHECK(open.findings.front().code == "NESTING");
  // 1,000 levels are fine
  auto ok =
    check_query_text("database: pubmed\n---\n" + std::string(1000, '(') + "a[ti]" + std::string(1000, ')'), "x.query");
  CHECK_FALSE(has_errors(ok));
  CHECK(render(*ok.expression).size() == 2005);
  // a screening criterion goes through the same parser
  try {
    parse_expression(deep, "criteria.txt", 4, 10);
    FAIL("no error");
  } catch (const synth::Error& e) {
    CHECK(
      std::string(e.what())
      == "criteria.txt:4:1011: parentheses nested deeper than 1000; write the strategy as numbered lines that refer "
         "to each other");
  }
}

TEST_CASE("line references nested deeper than 1,000 are refused at the reference", "[query][limits]")
{
  std::string text = "database: pubmed\n---\n#1 a[ti]\n";
  for (int n = 2; n <= 1100; ++n) {
    text += "#" + std::to_string(n) + " #" + std::to_string(n - 1) + " AND b" + std::to_string(n) + "[ti]\n";
  }
  auto q = check_query_text(text, "x.query");
  REQUIRE(q.findings.size() == 1);
  const auto& f = q.findings.front();
  CHECK(f.code == "NESTING");
  CHECK(f.line == 1004); // #1002: its #1001 brings in 1,001 levels of lines
  CHECK(f.col == 7);
  CHECK(f.message == "#1001 nests line references and parentheses 1001 deep (at most 1000)");
}
