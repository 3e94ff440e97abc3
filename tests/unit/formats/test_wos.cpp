// Web of Science tagged (.ciw/.isi) and tab-delimited exports.
#include "read_support.hpp"

#include "synth/core/error.hpp"
#include "synth/formats/wos.hpp"
#include "synth/util/input.hpp"

#include <catch2/catch.hpp>

using synth::Author;
using synth::Record;
using synth::formats::read_wos;

namespace {

using synth::test::ReadResult;

ReadResult read_wos_text(std::string_view text, bool lenient = false, const std::string& label = "t.ciw")
{
  return synth::test::read_with(read_wos, text, lenient, label);
}

ReadResult read_wos_fixture(const std::string& rel) { return synth::test::read_fixture_with(read_wos, rel); }

} // namespace

TEST_CASE("wos: tagged export of Web of Science Core Collection", "[wos]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto r = read_wos_fixture("exports/revtools/restoration_WoS.ciw");
  REQUIRE(r.records.size() == 247);
  CHECK(r.default_source == "Web of Science");
  const auto& a = r.records[0];
  CHECK(a.source == "Web of Science");
  CHECK(a.source_id == "WOS:000455039600059");
  CHECK(a.title == "Do magnetic phosphorus adsorbents used for lake restoration impact on zooplankton community?");
  REQUIRE(a.authors.size() == 6);
  CHECK(a.authors[0] == Author{"Alvarez-Manzaneda", "I."});
  CHECK(a.authors[2] == Author{"del Arco", "I."});
  CHECK(a.journal == "SCIENCE OF THE TOTAL ENVIRONMENT");
  CHECK(a.year == 2019);
  CHECK(a.date == "2019-03-15");
  CHECK(a.volume == "656");
  CHECK(a.pages == "598-607");
  CHECK(a.doi == "10.1016/j.scitotenv.2018.11.375");
  CHECK(a.pmid == "30529964");
  REQUIRE(a.keywords.size() >= 4);
  CHECK(a.keywords[0] == "Magnetic particles");
  CHECK(a.keywords[3] == "Lake restoration");
  CHECK(a.provenance.line == 3);
  CHECK(a.raw.substr(0, 5) == "PT J\n");
  CHECK(a.raw.substr(a.raw.size() - 3) == "ER\n");
}

TEST_CASE("wos: Zoological Record tagged export with BOM and e-mail addresses", "[wos]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto r = read_wos_fixture("exports/synthesisr/zoorec_wos_tagged.txt");
  REQUIRE(r.records.size() == 134);
  const auto& a = r.records[0];
  CHECK(a.source == "Zoological Record");
  CHECK(a.source_id == "ZOOREC:ZOOR15512090342");
  CHECK(a.title == "Nest site selection and nest survival of Black-backed Woodpeckers after wildfire.");
  REQUIRE(a.authors.size() == 6);
  CHECK(a.authors[0] == Author{"Stillman", "Andrew N."});
  CHECK(a.journal == "Condor");
  CHECK(a.volume == "121");
  CHECK(a.issue == "3");
  CHECK(a.pages == "duz039");
  CHECK(a.date == "2019-08-01");
  CHECK(a.language == "eng");
  CHECK(a.type == "journal-article");
}

TEST_CASE("wos: JabRef's ISI samples", "[wos]")
{
  SYNTH_REQUIRE_FIXTURES();
  CHECK(read_wos_fixture("exports/jabref/IsiImporterTest1.isi").records.size() == 1);
  CHECK(read_wos_fixture("exports/jabref/IsiImporterTest2.isi").records.size() == 3);
  CHECK(read_wos_fixture("exports/jabref/IsiImporterTestInspec.isi").records.size() == 2);
  CHECK(read_wos_fixture("exports/jabref/IsiImporterTestWOS.isi").records.size() == 2);

  auto inspec = read_wos_fixture("exports/jabref/IsiImporterTest1.isi");
  const auto& i = inspec.records[0];
  CHECK(i.source == "Inspec");
  CHECK(i.title == "Optical properties of MgO doped LiNbO/sub 3/ single crystals");
  CHECK(i.journal_abbrev == "Opt. Mater. (Netherlands)");
  CHECK(i.pages == "467-472");
  REQUIRE(i.authors.size() == 6);
  CHECK(i.authors[2] == Author{"Brown", "JM"});

  auto medline = read_wos_fixture("exports/jabref/IsiImporterTestMedline.isi");
  REQUIRE(medline.records.size() == 2);
  CHECK(medline.default_source == "MEDLINE");
  CHECK(medline.records[0].pmid == "16842170");
  CHECK(medline.records[0].authors == std::vector<Author>{{"Wesensten", "Nancy J"}});
  CHECK(medline.records[1].authors.size() == 7);
  CHECK(medline.records[1].pages == "411-22");

  CHECK_THROWS_WITH(read_wos_fixture("exports/jabref/IsiImporterTestEmpty.isi"),
                    "exports/jabref/IsiImporterTestEmpty.isi:1: expected a Web of Science tag (FN, PT, "
                    "TI ...), found '##'");
}

TEST_CASE("wos: tab-delimited exports (BOM, CR-only line endings)", "[wos]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto core = read_wos_fixture("exports/litsearchr/WoS_corecollection_tabdelim.txt");
  REQUIRE(core.records.size() == 163);
  const auto& a = core.records[0];
  CHECK(a.source == "Web of Science");
  CHECK(a.source_id == "WOS:000461270600041");
  CHECK(a.title
        == "Effects of pine-oak woodland restoration on breeding bird densities in the "
           "Ozark-Ouachita Interior Highlands");
  REQUIRE(a.authors.size() == 3);
  CHECK(a.authors[0] == Author{"Roach", "Melissa C."});
  CHECK(a.journal == "FOREST ECOLOGY AND MANAGEMENT");
  CHECK(a.journal_abbrev == "For. Ecol. Manage.");
  CHECK(a.year == 2019);
  CHECK(a.date == "2019-04-01");
  CHECK(a.pages == "443-459");
  CHECK(a.doi == "10.1016/j.foreco.2018.12.057");
  CHECK(a.issn == "0378-1127");
  CHECK(a.provenance.line == 2);
  CHECK(core.records[162].provenance.line == 164);

  auto cc = read_wos_fixture("exports/litsearchr/WoS_current_contents_tabdelim.txt");
  REQUIRE(cc.records.size() == 142);
  CHECK(cc.records[0].source == "Current Contents Connect");

  auto medline = read_wos_fixture("exports/litsearchr/WoS_medline_tabdelim.txt");
  REQUIRE(medline.records.size() == 10);
  CHECK(medline.records[0].source == "MEDLINE");
  CHECK(medline.records[0].pmid == "29782655");
  CHECK(medline.records[0].authors[0] == Author{"Tingley", "Morgan W"});

  auto biosis = read_wos_fixture("exports/synthesisr/WoS_biosis_tabdelim_CR.txt");
  REQUIRE(biosis.records.size() == 145);
  CHECK(biosis.records[0].source == "BIOSIS Previews");
  CHECK(biosis.records[0].source_id == "BIOSIS:PREV201800796061");
  CHECK(biosis.records[0].authors[0] == Author{"Tingley", "Morgan W."});

  auto zoo = read_wos_fixture("exports/synthesisr/WoS_zoological_tabdelim_CR.txt");
  REQUIRE(zoo.records.size() == 133);
  CHECK(zoo.records[0].source == "Zoological Record");
  CHECK(zoo.records[0].volume == "87");
}

TEST_CASE("wos: a record without ER is a bad record at its first line", "[wos]")
{
  std::string text = "FN Clarivate Analytics Web of Science\nVR 1.0\n"
                     "PT J\nTI First\n   continued\nAU Smith, J\n   Doe, A\nPY 2001\nUT WOS:1\nER\n\n"
                     "PT J\nTI Broken\nPY 2002\n"
                     "PT J\nTI Third\nPY 2003\nER\nEF\n";
  CHECK_THROWS_WITH(read_wos_text(text), "t.ciw:12: record not closed by ER");
  auto r = read_wos_text(text, true);
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].title == "First continued");
  CHECK(r.records[0].authors == std::vector<Author>{{"Smith", "J"}, {"Doe", "A"}});
  CHECK(r.records[1].title == "Third");
  CHECK(r.records[1].provenance.line == 15);
  REQUIRE(r.skipped.size() == 1);
  CHECK(r.skipped[0].line == 12);
}

TEST_CASE("wos: CRLF tagged text and UTF-16LE tab-delimited text", "[wos]")
{
  auto crlf = read_wos_text("PT J\r\nTI A title\r\nPY 1999\r\nER\r\n\r\nEF\r\n");
  REQUIRE(crlf.records.size() == 1);
  CHECK(crlf.records[0].title == "A title");
  CHECK(crlf.records[0].year == 1999);

  std::string utf8 = "PT\tTI\tUT\tPY\r\nJ\tCaf\xC3\xA9 birds\tWOS:42\t2010\t\r\n";
  std::string utf16 = "\xFF\xFE";
  for (unsigned char c : std::string("PT\tTI\tUT\tPY\r\nJ\tCaf")) {
    utf16 += static_cast<char>(c);
    utf16 += '\0';
  }
  utf16 += "\xE9";
  utf16 += '\0';
  for (unsigned char c : std::string(" birds\tWOS:42\t2010\t\r\n")) {
    utf16 += static_cast<char>(c);
    utf16 += '\0';
  }
  for (const auto& text : {utf8, utf16}) {
    auto r = read_wos_text(text, false, "t.txt");
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].title == "Caf\xC3\xA9 birds");
    CHECK(r.records[0].source_id == "WOS:42");
    CHECK(r.records[0].provenance.line == 2);
  }
  CHECK_THROWS_WITH(read_wos_text("PT\tTI\nJ\tx\ty\tz\n", false, "t.txt"),
                    "t.txt:2: row has 4 fields, the header has 2");
}
