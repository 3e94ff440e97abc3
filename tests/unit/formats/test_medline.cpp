#include "synth/core/error.hpp"
#include "synth/formats/medline.hpp"
#include "synth/util/input.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace synth;
using synth::formats::ReadContext;

namespace {

std::vector<Record> read_nbib(std::string_view text, ReadContext& ctx)
{
  std::vector<Record> out;
  formats::read_medline(text, ctx, [&](Record&& r) { out.push_back(std::move(r)); });
  return out;
}

std::vector<Record> read_nbib(std::string_view text)
{
  ReadContext ctx("inline.nbib", false);
  return read_nbib(text, ctx);
}

std::vector<Record> read_nbib_fixture(const std::string& rel, ReadContext& ctx)
{
  return read_nbib(util::read_file(test::fixture(rel)), ctx);
}

std::vector<Record> read_nbib_fixture(const std::string& rel)
{
  ReadContext ctx(rel, false);
  return read_nbib_fixture(rel, ctx);
}

} // namespace

TEST_CASE("MEDLINE fixtures give their record counts", "[medline]")
{
  SYNTH_REQUIRE_FIXTURES();
  // Counts from grep -c '^PMID-'.
  const std::vector<std::pair<std::string, std::size_t>> files{
    {"pubmed/p1m_ortho/citations_200.nbib", 200},      {"pubmed/p1m_ortho/citations_92.nbib", 92},
    {"pubmed/biopython/medline_result1.txt", 1},       {"pubmed/biopython/medline_result2.txt", 4},
    {"pubmed/biopython/medline_result3.txt", 1},       {"exports/jabref/MedlinePlainImporterTestCompleteEntry.txt", 1},
    {"exports/jabref/NbibImporterTest.nbib", 1},       {"exports/reflib_bluelight/blue-light.nbib", 80}, // CRLF
    {"exports/revtools/restoration_pubmed.nbib", 104},
  };
  for (const auto& [file, count] : files) {
    INFO(file);
    auto records = read_nbib_fixture(file);
    CHECK(records.size() == count);
    for (const auto& r : records) {
      CHECK(!r.pmid.empty());
      CHECK(r.source_id == r.pmid);
      CHECK(r.source == "PubMed");
      CHECK(!r.title.empty());
    }
  }
}

TEST_CASE("MEDLINE fields of a complete entry", "[medline]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto records = read_nbib_fixture("exports/jabref/MedlinePlainImporterTestCompleteEntry.txt");
  REQUIRE(records.size() == 1);
  const auto& r = records[0];
  CHECK(r.pmid == "20481061");
  CHECK(r.title
        == "From danger and motherhood to health and beauty: health advice for the factory girl in "
           "early twentieth-century Britain.");
  CHECK(r.authors == std::vector<Author>{{"Long", "Vicky"}, {"Marland", "Hilary"}});
  CHECK(r.issn == "0955-2359");
  CHECK(r.volume == "20");
  CHECK(r.issue == "4");
  CHECK(r.year == 2009);
  CHECK(r.date == "2009");
  CHECK(r.pages == "454-81");
  CHECK(r.abstract == "Lorem ipsum abstract");
  CHECK(r.journal == "20 century British history");
  CHECK(r.journal_abbrev == "20 Century Br Hist");
  CHECK(r.language == "eng");
  CHECK(r.publication_types
        == std::vector<std::string>{"Historical Article", "Journal Article", "Research Support, Non-U.S. Gov't"});
  CHECK(r.type == "journal-article");
  REQUIRE(r.mesh.size() >= 8);
  CHECK(r.mesh[1] == "Employment");          // "Employment/psychology"
  CHECK(r.mesh[7] == "Occupational Health"); // "Occupational Health/*history"
  CHECK(r.raw.rfind("PMID- 20481061\nOWN - NLM", 0) == 0);
  CHECK(r.provenance.line == 1);
  CHECK(r.provenance.index == 1);

  auto nbib = read_nbib_fixture("exports/jabref/NbibImporterTest.nbib");
  REQUIRE(nbib.size() == 1);
  CHECK(nbib[0].doi == "10.4103/2277-9175.180636");
  CHECK(nbib[0].authors
        == std::vector<Author>{{"Shruthi", "Basavaradhya Sahukar"},
                               {"Vinodhkumar", "Palani"},
                               {"Selvamani", ""},
                               {"corporater", ""}}); // CN: a collective
}

TEST_CASE("MEDLINE tag lines, continuations and record breaks", "[medline]")
{
  auto records = read_nbib("\xEF\xBB\xBFPMID- 1\r\n"
                           "TI  - A title that goes\r\n"
                           "      on the next line.\r\n"
                           "AU  - Topor A\r\n"
                           "CN  - The Study Group\r\n"
                           "IS  - 1234-5678 (Electronic)\r\n"
                           "IS  - 8765-4321 (Print)\r\n"
                           "LID - S0140 [pii]\r\n"
                           "LID - 10.1000/ABC.1 [doi]\r\n"
                           "DP  - 1998 Dec-1999 Jan\r\n"
                           "LA  - fre\r\n"
                           "OT  - qualitative\r\n"
                           "PMID- 2\r\n" // no blank line between records
                           "TI  -Second\r\n"
                           "BTI - A Book\r\n"
                           "\r\n\r\n"
                           "PMID-3\n"
                           "BTI - Only a book title\n");
  REQUIRE(records.size() == 3);
  const auto& a = records[0];
  CHECK(a.pmid == "1");
  CHECK(a.title == "A title that goes on the next line.");
  CHECK(a.authors == std::vector<Author>{{"Topor", "A"}, {"The Study Group", ""}});
  CHECK(a.issn == "1234-5678");
  CHECK(a.doi == "10.1000/abc.1");
  CHECK(a.date == "1998-12");
  CHECK(a.language == "fre");
  CHECK(a.keywords == std::vector<std::string>{"qualitative"});
  CHECK(records[1].pmid == "2");
  CHECK(records[1].title == "Second");
  CHECK(records[1].journal == "A Book");
  CHECK(records[1].provenance.line == 13);
  CHECK(records[2].title == "Only a book title");
  CHECK(records[2].provenance.line == 18);
  CHECK(records[2].provenance.index == 3);
}

TEST_CASE("MEDLINE lines that are not tag lines", "[medline]")
{
  SYNTH_REQUIRE_FIXTURES();
  SECTION("strict: the error names the line")
  {
    ReadContext ctx("oob.txt", false);
    CHECK_THROWS_WITH(read_nbib_fixture("exports/jabref/MedlinePlainImporterStringOutOfBounds.txt", ctx),
                      "oob.txt:3: line is not a MEDLINE tag line (\"TAG - value\"): \"SO  invalid line\"");
    // Read as MEDLINE by force (detection refuses it): its first lines are not a record
    // and are left out with a warning; "SO-something" is read as a tag line.
    ReadContext xml("invalid.xml", false);
    auto forced = read_nbib_fixture("exports/jabref/MedlinePlainImporterTestInvalidFormat.xml", xml);
    CHECK(forced.size() == 1);
    REQUIRE(xml.warnings().size() == 1);
    CHECK(xml.warnings()[0].line == 1);
    // A text without any record fails.
    CHECK_THROWS_WITH(read_nbib("Just some words.\n\nAnd more.\n"),
                      "inline.nbib:1: no MEDLINE record found (a record is \"TAG - value\" lines, e.g. \"PMID- 123\")");
    // A line of prose between two records (blank lines around it) is no record's: it is
    // left out with a warning, and the file's 7 records are read (JabRef reads 7 too).
    ReadContext multi("multi.txt", false);
    auto entries = read_nbib_fixture("exports/jabref/MedlinePlainImporterTestMultipleEntries.txt", multi);
    CHECK(entries.size() == 7);
    REQUIRE(multi.warnings().size() == 1);
    CHECK(multi.warnings()[0].line == 53);
    CHECK(multi.warnings()[0].reason
          == "text between records left out: \"This line should be omitted by the impor...\"");
    // Inside a record the same line is an error.
    CHECK_THROWS_WITH(read_nbib("PMID- 1\nTI  - A title\nThis line is prose\n\nPMID- 2\n"),
                      "inline.nbib:3: line is not a MEDLINE tag line (\"TAG - value\"): \"This line is prose\"");
  }
  SECTION("lenient: the bad record is skipped, the others kept")
  {
    ReadContext ctx("oob.txt", true);
    auto records = read_nbib_fixture("exports/jabref/MedlinePlainImporterStringOutOfBounds.txt", ctx);
    REQUIRE(records.size() == 1);
    CHECK(records[0].pmid == "27394443");
    CHECK(records[0].title == "This is also a test title");
    REQUIRE(ctx.skipped().size() == 1);
    CHECK(ctx.skipped()[0].line == 3);

    ReadContext multi("multi.txt", true);
    auto entries = read_nbib_fixture("exports/jabref/MedlinePlainImporterTestMultipleEntries.txt", multi);
    // 1 complete entry, 2 without PMID (PMC, PMCR), 4 short PMID records (7 blocks
    // separated by blank lines, counted by hand); the stray line between them is left out.
    REQUIRE(entries.size() == 7);
    CHECK(entries[1].abstract == "Old Abstract new abstract");
    CHECK(entries[2].title
          == "This is a Testtitle This title should be appended: This title should also be "
             "appended. Another append to the Title? LastTitle");
    CHECK(entries[3].pmid == "22664220");
    CHECK(entries[6].pmid == "45984220");
    CHECK(multi.skipped().empty());
  }
}
