#include "synth/util/input.hpp"
#include "synth/util/text.hpp"

#include <catch2/catch.hpp>

using namespace synth::util;

TEST_CASE("fold removes case, accents and punctuation", "[util]")
{
  CHECK(fold("Über-Größe, Café!") == "uber grosse cafe");
  CHECK(fold("  The Art of Helpful Relationships.  ") == "the art of helpful relationships");
  CHECK(fold("Schizophrenia: a  qualitative study") == "schizophrenia a qualitative study");
  CHECK(fold("") == "");
}

TEST_CASE("fold's ASCII fast path agrees with the Unicode path", "[util]")
{
  // The same words with one non-ASCII letter take the utf8proc path.
  CHECK(fold("Helping-Relation* (N=12); é") == fold("Helping-Relation* (N=12);") + " e");
}

TEST_CASE("strip_markup removes inline tags but keeps comparisons", "[util]")
{
  CHECK(strip_markup("Effect of <i>Escherichia coli</i> on H<sub>2</sub>O") == "Effect of Escherichia coli on H2O");
  CHECK(strip_markup("a < b and c > d") == "a < b and c > d");
}

TEST_CASE("find_invalid_utf8 finds the first bad byte", "[util]")
{
  CHECK_FALSE(find_invalid_utf8("plain ascii"));
  CHECK_FALSE(find_invalid_utf8("caf\xc3\xa9"));
  auto bad = find_invalid_utf8("line one\ncaf\xe9");
  REQUIRE(bad);
  CHECK(*bad == 12);
  CHECK(line_of("line one\ncaf\xe9", *bad) == 2);
  CHECK(find_invalid_utf8("\xc0\xaf")); // overlong encoding
}

TEST_CASE("LineReader handles LF, CRLF, CR and a BOM", "[util]")
{
  LineReader lines("\xEF\xBB\xBF" "a\r\nb\rc\nd");
  std::string_view line;
  std::vector<std::string> got;
  while (lines.next(line)) {
    got.emplace_back(line);
  }
  CHECK(got == std::vector<std::string>{"a", "b", "c", "d"});
  CHECK(lines.line_number() == 4);
}

TEST_CASE("decode_entities", "[util]")
{
  CHECK(decode_entities("Tom &amp; Jerry &#233;t&#xE9; &lt;3") == "Tom & Jerry \xc3\xa9t\xc3\xa9 <3");
  CHECK(decode_entities("AT&T") == "AT&T");
}
