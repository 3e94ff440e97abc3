// The codecs written once (issue 14): UTF-8/UTF-16, calendar dates, line counting, invisible
// characters.
#include "synth/util/date.hpp"
#include "synth/util/input.hpp"
#include "synth/util/text.hpp"
#include "synth/util/utf.hpp"

#include <catch2/catch.hpp>

using namespace synth::util;

TEST_CASE("UTF-8: one encoder for every code point", "[utf]")
{
  std::string out;
  for (char32_t cp : {U'A', U'\u00E9', U'\u20AC', U'\U0001F600'}) {
    append_utf8(out, cp);
  }
  CHECK(out == "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  std::string bad;
  append_utf8(bad, 0xD800);   // a surrogate is no character
  append_utf8(bad, 0x110000); // beyond Unicode
  CHECK(bad == "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("UTF-16: surrogate pairs across pieces, and every defect an error", "[utf]")
{
  // "a😀" in UTF-16LE, fed one byte at a time.
  const std::string le("a\0\x3D\xD8\x00\xDE", 6);
  Utf16Decoder d(ByteOrder::little_endian);
  std::string out;
  for (char c : le) {
    REQUIRE(d.decode(std::string_view(&c, 1), out));
  }
  CHECK(d.finish());
  CHECK(out == "a\xF0\x9F\x98\x80");
  std::string error;
  std::string text;
  CHECK(utf16_to_utf8(std::string("\0a\xD8\x3D\xDE\x00", 6), ByteOrder::big_endian, text, error));
  CHECK(text == "a\xF0\x9F\x98\x80");
  text.clear();
  CHECK_FALSE(utf16_to_utf8(std::string("a\0b", 3), ByteOrder::little_endian, text, error));
  CHECK(error == "an odd number of bytes (the last character is cut)");
  CHECK(text == "a"); // what came before the problem
  text.clear();
  CHECK_FALSE(utf16_to_utf8(std::string("\x00\xDC", 2), ByteOrder::little_endian, text, error));
  CHECK(error == "an unpaired surrogate (0xDC00)");
  text.clear();
  CHECK_FALSE(utf16_to_utf8(std::string("\x3D\xD8", 2), ByteOrder::little_endian, text, error));
  CHECK(error == "an unpaired surrogate (0xD83D) at the end");
  CHECK(utf16_bom("\xFF\xFE") == ByteOrder::little_endian);
  CHECK(utf16_bom("\xFE\xFFx") == ByteOrder::big_endian);
  CHECK_FALSE(utf16_bom("TY").has_value());
}

TEST_CASE("calendar dates: only the dates the calendar has", "[date]")
{
  CHECK(parse_iso_date("1990")->iso() == "1990");
  CHECK(parse_iso_date("1990-06")->iso() == "1990-06");
  CHECK(parse_iso_date("1990/06/30")->iso() == "1990-06-30");
  CHECK(parse_iso_date("2024-02-29").has_value());
  for (const char* bad : {"1990-13-45", "1990-13", "2023-02-29", "1900-02-29", "1990-06-31", "1990-6", "90",
                          "1990-06/01", "1990-06-01-02", "", "1990-", "Nov 1990"}) {
    INFO(bad);
    CHECK_FALSE(parse_iso_date(bad).has_value());
  }
  CHECK(parse_iso_date("2000-02")->last_day() == 20000229);
  CHECK(parse_iso_date("1990")->first_day() == 19900101);
  CHECK(days_in_month(2100, 2) == 28);
  CHECK(month_number(" November ") == 11);
  CHECK(month_number("11") == 11);
  CHECK(month_number("13") == 0);
  CHECK(month_number("No") == 0);
}

TEST_CASE("line ends are counted as LineReader counts them", "[input]")
{
  for (std::string text : {"a\nb\n", "a\r\nb\r\n", "a\rb\r", "a\n\r\nb", "\r\n\r\n\r", "no end", ""}) {
    LineReader lines(text);
    std::string_view line;
    std::size_t n = 0;
    while (lines.next(line)) {
      ++n;
    }
    const bool ends = !text.empty() && (text.back() == '\n' || text.back() == '\r');
    INFO(text);
    CHECK(count_line_ends(text) == (ends || text.empty() ? n : n - 1));
  }
}

TEST_CASE("invisible characters are removed from names", "[text]")
{
  CHECK(remove_invisible("APA\xE2\x80\x8BPsycInfo") == "APAPsycInfo");
  CHECK(remove_invisible("\xEF\xBB\xBF"
                         "CINAHL\xC2\xA0"
                         "Complete\xC2\xAD")
        == "CINAHL Complete");
  CHECK(remove_invisible("Caf\xC3\xA9 \xE2\x81\xA0") == "Caf\xC3\xA9 ");
}
