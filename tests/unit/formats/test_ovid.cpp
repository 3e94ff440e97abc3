// Ovid citation text ("<n>" markers, field names, indented values).
#include "read_support.hpp"

#include "synth/core/error.hpp"
#include "synth/formats/ovid.hpp"
#include "synth/util/input.hpp"

#include <catch2/catch.hpp>

using synth::Author;
using synth::Record;
using synth::formats::read_ovid;

namespace {

using synth::test::ReadResult;

ReadResult read_ovid_text(std::string_view text, bool lenient = false, const std::string& label = "t.txt")
{
  return synth::test::read_with(read_ovid, text, lenient, label);
}

ReadResult read_ovid_fixture(const std::string& name)
{
  return synth::test::read_fixture_with(read_ovid, "exports/jabref/" + name, false, name);
}

} // namespace

TEST_CASE("ovid: JabRef's samples import with their record counts", "[ovid]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto one = read_ovid_fixture("OvidImporterTest1.txt");
  REQUIRE(one.records.size() == 5);
  CHECK(one.records[0].title == "Musterbuch");
  CHECK(one.records[0].provenance.line == 1);
  CHECK(one.records[1].provenance.line == 22);
  CHECK(one.records[1].title == "Max the Editor");
  CHECK(one.records[1].type == "conference");
  CHECK(one.records[1].volume == "28");
  CHECK(one.records[1].issue == "2");
  CHECK(one.records[1].pages == "103-106");
  CHECK(one.records[2].type == "book");
  for (const char* name : {"OvidImporterTest3.txt", "OvidImporterTest4.txt", "OvidImporterTest5.txt",
                           "OvidImporterTest6.txt", "OvidImporterTest7.txt"}) {
    INFO(name);
    CHECK(read_ovid_fixture(name).records.size() == 1);
  }
}

TEST_CASE("ovid: fields of a journal article", "[ovid]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto r = read_ovid_fixture("OvidImporterTest5.txt");
  const auto& a = r.records.at(0);
  CHECK(a.source_id == "00006236-201504000-00002");
  CHECK(a.title == "Listening: Important to the Stuff of a Life.");
  CHECK(a.publication_types.front() == "Miscellaneous");
  CHECK(a.authors == std::vector<Author>{{"Bunkers", "Sandra Schmidt"}});
  CHECK(a.journal == "Nursing Science Quarterly");
  CHECK(a.volume == "28");
  CHECK(a.issue == "2");
  CHECK(a.pages == "103-106");
  CHECK(a.year == 2015);
  CHECK(a.date == "2015-04");
  CHECK(a.doi == "10.1177/0894318415571606");
  CHECK(a.abstract == "Lorem ipsum abstract");

  auto six = read_ovid_fixture("OvidImporterTest6.txt");
  const auto& b = six.records.at(0);
  CHECK(b.authors
        == std::vector<Author>{{"Verbeek", "Jan"}, {"Hermans", "Erik"}, {"van Vugt", "Arie"}, {"Frolke", "Jan Paul"}});
  CHECK(b.journal == "Journal of Orthopaedic Trauma");
  CHECK(b.language == "eng");
  CHECK(b.issn == "0890-5339");
  CHECK(b.doi == "10.1097/bot.0000000000000502");
  CHECK(b.keywords.front() == "iliosacral");

  auto four = read_ovid_fixture("OvidImporterTest4.txt");
  const auto& c = four.records.at(0);
  CHECK(c.journal == "Ecohydrology");
  CHECK(c.volume == "8");
  CHECK(c.issue == "6");
  CHECK(c.pages == "1048-1064");
  CHECK(c.date == "2015-09");
}

TEST_CASE("ovid: fields before the first record marker are refused", "[ovid]")
{
  SYNTH_REQUIRE_FIXTURES();
  CHECK_THROWS_WITH(read_ovid_fixture("OvidImporterTest2Invalid.txt"),
                    "OvidImporterTest2Invalid.txt:2: field 'Score' before the first record marker <n>");
}

TEST_CASE("ovid: CRLF text, and a value with no field name", "[ovid]")
{
  auto r = read_ovid_text("<1>\r\nTitle\r\n  First title\r\n  continued\r\nYear of Publication\r\n  2004\r\n"
                          "<2>\r\n  orphan value\r\nTitle\r\n  Second\r\n"
                          "<3>\r\nTitle\r\n  Third\r\n",
                          true);
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].title == "First title continued");
  CHECK(r.records[0].year == 2004);
  CHECK(r.records[1].title == "Third");
  CHECK(r.records[1].provenance.line == 11);
  CHECK(r.records[1].provenance.index == 3);
  REQUIRE(r.skipped.size() == 1);
  CHECK(r.skipped[0].line == 8);
  CHECK_THROWS_WITH(read_ovid_text("<1>\n  orphan\n"), "t.txt:2: value 'orphan' before any field name in record <1>");
}
