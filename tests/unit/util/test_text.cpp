#include "synth/util/hash.hpp"
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
  LineReader lines("\xEF\xBB\xBF"
                   "a\r\nb\rc\nd");
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

namespace {
// The plain definitions the word-at-a-time code must agree with.
std::string collapse_reference(std::string_view s)
{
  std::string out;
  bool pending = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      pending = !out.empty();
    } else {
      if (pending) {
        out += ' ';
      }
      pending = false;
      out += c;
    }
  }
  return out;
}
} // namespace

TEST_CASE("collapse_space agrees with its definition wherever the spaces fall", "[util]")
{
  CHECK(collapse_space("  a \t b\r\n c  ") == "a b c");
  CHECK(collapse_space("already clean text") == "already clean text");
  CHECK(collapse_space("") == "");
  // Two spaces at every offset, across the eight-byte words; control bytes that are not
  // white space stay.
  const std::string base = "abcdefghijklmnopqrstuvwxyz0123456789";
  for (std::size_t at = 0; at < base.size(); ++at) {
    for (const char* gap : {"  ", "\t", "\n", " \r", "\x01", " "}) {
      std::string s = base.substr(0, at) + gap + base.substr(at);
      INFO("at " << at << " gap " << static_cast<int>(gap[0]));
      CHECK(collapse_space(s) == collapse_reference(s));
      std::string in_place = s;
      collapse_space_in_place(in_place);
      CHECK(in_place == collapse_reference(s));
    }
  }
}

TEST_CASE("find_invalid_utf8 and LineReader agree with byte-by-byte reading at every offset", "[util]")
{
  const std::string base = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ";
  for (std::size_t at = 0; at < base.size(); ++at) {
    INFO("at " << at);
    std::string bad = base.substr(0, at) + "\xe9" + base.substr(at);
    CHECK(find_invalid_utf8(bad) == std::optional<std::size_t>(at));
    std::string good = base.substr(0, at) + "\xc3\xa9" + base.substr(at);
    CHECK_FALSE(find_invalid_utf8(good));
    for (const char* end : {"\n", "\r", "\r\n"}) {
      const std::string text = base.substr(0, at) + end + base.substr(at);
      LineReader lines(text);
      std::string_view line;
      REQUIRE(lines.next(line));
      CHECK(line == base.substr(0, at));
      REQUIRE(lines.next(line));
      CHECK(line == base.substr(at));
      CHECK_FALSE(lines.next(line));
    }
  }
}

TEST_CASE("content hash: the same bytes give the same hash however they are read", "[util]")
{
  std::string data;
  for (int i = 0; i < 1000; ++i) {
    data += static_cast<char>('a' + i % 26);
    data += static_cast<char>(i * 7);
  }
  const auto whole = content_hash(data);
  CHECK(whole.size() == 16);
  for (std::size_t step : {1, 3, 7, 31, 32, 33, 500}) {
    Hasher h;
    for (std::size_t at = 0; at < data.size(); at += step) {
      h.update(std::string_view(data).substr(at, step));
    }
    CHECK(h.hex() == whole);
  }
  // Any change shows, including length and order.
  CHECK(content_hash(data.substr(1)) != whole);
  CHECK(content_hash(data + '\0') != whole);
  std::string swapped = data;
  std::swap(swapped[100], swapped[101]);
  CHECK(content_hash(swapped) != whole);
  CHECK(content_hash("") != content_hash(std::string(1, '\0')));
}
