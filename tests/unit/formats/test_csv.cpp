// CSV readers: PubMed (legacy and 2020+), Scopus, WoS-tag CSV (BIOSIS), Zotero, bib-dedupe
// and generic tables; the RFC 4180 tokenizer under them.
#include "read_support.hpp"

#include "synth/core/error.hpp"
#include "synth/formats/csv.hpp"
#include "synth/util/csv.hpp"
#include "synth/util/input.hpp"

#include <catch2/catch.hpp>

using synth::Record;
using synth::formats::read_csv;

namespace {

using synth::test::ReadResult;

ReadResult read_csv_text(std::string_view text, bool lenient = false, const std::string& label = "t.csv")
{
  return synth::test::read_with(read_csv, text, lenient, label);
}

ReadResult read_csv_fixture(const std::string& rel) { return synth::test::read_fixture_with(read_csv, rel); }

} // namespace

TEST_CASE("csv table: quotes, escapes, embedded line breaks and line numbers", "[csv]")
{
  std::string text = "\xEF\xBB\xBF"
                     "a,b,c\r\n"
                     "1,\"two, with comma\",\"say \"\"hi\"\"\"\r\n"
                     "\r\n"
                     "2,\"line one\nline two\",x\r\n"
                     "3,,\r\n";
  synth::util::CsvTable table(text);
  synth::util::CsvRow row;
  REQUIRE(table.next(row));
  CHECK(row.line == 1);
  CHECK(row.fields == std::vector<std::string>{"a", "b", "c"});
  REQUIRE(table.next(row));
  CHECK(row.line == 2);
  CHECK(row.fields == std::vector<std::string>{"1", "two, with comma", "say \"hi\""});
  REQUIRE(table.next(row));
  CHECK(row.line == 4);
  CHECK(row.fields[1] == "line one\nline two");
  REQUIRE(table.next(row));
  CHECK(row.line == 6);
  CHECK(row.fields == std::vector<std::string>{"3", "", ""});
  CHECK_FALSE(table.next(row));
}

TEST_CASE("csv table: CR-only line endings and an unterminated quote", "[csv]")
{
  synth::util::CsvTable cr("h1,h2\rx,y\r\"open,z\rlast,row\r");
  synth::util::CsvRow row;
  REQUIRE(cr.next(row));
  REQUIRE(cr.next(row));
  CHECK(row.line == 2);
  CHECK(row.fields == std::vector<std::string>{"x", "y"});
  REQUIRE(cr.next(row));
  CHECK(row.line == 3);
  CHECK(row.error == "unterminated quoted field");
  REQUIRE(cr.next(row)); // resumes on the next line
  CHECK(row.line == 4);
  CHECK(row.fields == std::vector<std::string>{"last", "row"});
  CHECK_FALSE(cr.next(row));
}

TEST_CASE("csv: author cells in their usual separators", "[csv]")
{
  using synth::Author;
  using synth::formats::split_authors;
  CHECK(split_authors("Rotter, Carina; Whittaker, Danielle")
        == std::vector<Author>{{"Rotter", "Carina"}, {"Whittaker", "Danielle"}});
  CHECK(split_authors("Zhou, X. and Lan, J.") == std::vector<Author>{{"Zhou", "X."}, {"Lan", "J."}});
  CHECK(split_authors("Craig C., Mazerolle M.J., Villard M.-A.")
        == std::vector<Author>{{"Craig", "C."}, {"Mazerolle", "M.J."}, {"Villard", "M.-A."}});
  CHECK(split_authors("Gutzwiller K.J., Barrow W.C., Jr., Johnson-Randall L.")
        == std::vector<Author>{{"Gutzwiller", "K.J."}, {"Barrow", "W.C. Jr."}, {"Johnson-Randall", "L."}});
  CHECK(split_authors("Ziegler, T. R.") == std::vector<Author>{{"Ziegler", "T. R."}});
  CHECK(split_authors("[No author name available]").empty());
}

TEST_CASE("csv: generic table with CRLF, BOM and a quoted line break", "[csv]")
{
  auto r = read_csv_text("\xEF\xBB\xBFRecord_ID,Title,Authors,Year,DOI,Journal\r\n"
                         "7,\"A title,\r\nover two lines\",\"Smith, John; Doe, Jane\",2001,"
                         "https://doi.org/10.1000/ABC,J Test\r\n"
                         "8,Second,Solo A,1999,,\r\n");
  REQUIRE(r.records.size() == 2);
  const auto& a = r.records[0];
  CHECK(a.source_id == "7");
  CHECK(a.title == "A title, over two lines");
  REQUIRE(a.authors.size() == 2);
  CHECK(a.authors[1] == synth::Author{"Doe", "Jane"});
  CHECK(a.year == 2001);
  CHECK(a.doi == "10.1000/abc");
  CHECK(a.journal == "J Test");
  CHECK(a.source.empty());
  CHECK(a.provenance.line == 2);
  CHECK(a.provenance.index == 1);
  CHECK(r.records[1].provenance.line == 4);
  CHECK(r.records[1].provenance.index == 2);
  CHECK(r.default_source.empty());
}

TEST_CASE("csv: bad rows name their line: lenient mode keeps the good rows", "[csv]")
{
  std::string text = "id,title,year\n1,First,2000\n2,\"Second\nstill second\",2001\n3,short\n4,Fourth,2003\n";
  CHECK_THROWS_WITH(read_csv_text(text), "t.csv:5: row has 2 fields, the header has 3");
  auto r = read_csv_text(text, true);
  REQUIRE(r.records.size() == 3);
  CHECK(r.records[2].title == "Fourth");
  CHECK(r.records[2].provenance.line == 6);
  REQUIRE(r.skipped.size() == 1);
  CHECK(r.skipped[0].line == 5);

  CHECK_THROWS_WITH(read_csv_text("id,title\n1,\"never closed\n"), "t.csv:2: unterminated quoted field");
}

TEST_CASE("csv: a table without a title column is refused", "[csv]")
{
  CHECK_THROWS_WITH(read_csv_text("a,b\n1,2\n"), "t.csv:1: no title column in header (columns: a, b)");
  CHECK_THROWS_AS(read_csv_text("a,b\n1,2\n"), synth::Error);
}

TEST_CASE("csv: PubMed legacy export", "[csv]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto r = read_csv_fixture("pubmed/p1m_ortho/pubmed_legacy_csv_4443.csv");
  REQUIRE(r.records.size() == 4443);
  CHECK(r.default_source == "PubMed");
  const auto& a = r.records[0];
  CHECK(a.title == "Hypofractionation for clinically localized prostate cancer.");
  CHECK(a.source == "PubMed");
  CHECK(a.source_id == "31476800");
  CHECK(a.pmid == "31476800");
  REQUIRE(a.authors.size() == 5);
  CHECK(a.authors[0] == synth::Author{"Hickey", "BE"});
  CHECK(a.authors[4] == synth::Author{"Jeffery", "M"});
  CHECK(a.year == 2019);
  CHECK(a.date == "2019-09-03");
  CHECK(a.journal_abbrev == "Cochrane Database Syst Rev");
  CHECK(a.volume == "9");
  CHECK(a.pages == "CD011462");
  CHECK(a.doi == "10.1002/14651858.cd011462.pub2");
  CHECK(a.provenance.line == 2);
  CHECK(r.records.back().provenance.index == 4443);
  // "Version 2. F1000Res. 2018 Jan 25 ...": the journal's 1000 is not the year. Every
  // record of this 2019 search has a year between 1900 and 2019.
  for (const auto& rec : r.records) {
    INFO(rec.pmid);
    REQUIRE(rec.year);
    CHECK((*rec.year >= 1900 && *rec.year <= 2019));
    if (rec.pmid == "30026923") {
      CHECK(rec.year == 2018);
      CHECK(rec.date == "2018-01-25");
    }
  }
}

TEST_CASE("csv: PubMed 2020+ export (CRLF)", "[csv]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto r = read_csv_fixture("pubmed/p1m_ortho/pubmed_new_csv_532.csv");
  REQUIRE(r.records.size() == 532);
  const auto& a = r.records[0];
  CHECK(a.pmid == "32169119");
  CHECK(a.title
        == "The origin, transmission and clinical therapies on coronavirus disease 2019 "
           "(COVID-19) outbreak - an update on the status");
  REQUIRE(a.authors.size() == 9);
  CHECK(a.authors[0] == synth::Author{"Guo", "YR"});
  CHECK(a.authors[8] == synth::Author{"Yan", "Y"});
  CHECK(a.journal_abbrev == "Mil Med Res");
  CHECK(a.year == 2020);
  CHECK(a.volume == "7");
  CHECK(a.issue == "1");
  CHECK(a.pages == "11");
  CHECK(a.doi == "10.1186/s40779-020-00240-0");
  CHECK(a.source == "PubMed");
}

TEST_CASE("csv: Scopus exports", "[csv]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto r = read_csv_fixture("exports/synthesisr/scopus.csv");
  REQUIRE(r.records.size() == 137);
  CHECK(r.default_source == "Scopus");
  const auto& a = r.records[0];
  CHECK(a.source == "Scopus");
  CHECK(a.source_id == "2-s2.0-85061613518");
  CHECK(a.title
        == "Predictors of habitat use and nesting success for two sympatric species of boreal "
           "woodpeckers in an unburned, managed forest landscape");
  REQUIRE(a.authors.size() == 5);
  CHECK(a.authors[0] == synth::Author{"Craig", "C."});
  CHECK(a.authors[4] == synth::Author{"Villard", "M.-A."});
  CHECK(a.year == 2019);
  CHECK(a.journal == "Forest Ecology and Management");
  CHECK(a.volume == "438");
  CHECK(a.pages == "134-141");
  CHECK(a.doi == "10.1016/j.foreco.2019.02.016");
  CHECK(a.type == "journal-article");

  auto b = read_csv_fixture("exports/litsearchr/BBWO-Scopus-062118.csv");
  REQUIRE(b.records.size() == 203);
  const auto& e = b.records[0];
  CHECK(e.source_id == "2-s2.0-85038253278");
  REQUIRE(e.authors.size() == 4);
  CHECK(e.authors[2] == synth::Author{"Barrow", "W.C. Jr."});
  CHECK(e.type == "erratum");
  CHECK(e.doi == "10.1111/cobi.13055");
}

TEST_CASE("csv: BIOSIS saved as CSV with WoS tags", "[csv]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto r = read_csv_fixture("exports/litsearchr/BBWO-BIOSIS-062118.csv");
  REQUIRE(r.records.size() == 258);
  CHECK(r.default_source == "BIOSIS Previews");
  const auto& a = r.records[0];
  CHECK(a.source_id == "BCI:BCI201800383274");
  CHECK(a.title == "Predictors of Bachman's Sparrow Occupancy at its Northern Range Limit");
  REQUIRE(a.authors.size() == 5);
  CHECK(a.authors[0] == synth::Author{"Fish", "Alexander C."});
  CHECK(a.journal == "Southeastern Naturalist");
  CHECK(a.year == 2018);
  CHECK(a.volume == "17");
  CHECK(a.issue == "1");
  CHECK(a.pages == "104-116");
  CHECK(a.language == "eng");
}

TEST_CASE("csv: Zotero export", "[csv]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto r = read_csv_fixture("exports/asysd/zotero_export.csv");
  REQUIRE(r.records.size() == 1233);
  CHECK(r.default_source.empty());
  const auto& a = r.records[0];
  CHECK(a.source_id == "ACSRAG7N");
  CHECK(a.title == "Myoclonus in older Cavalier King Charles Spaniels.");
  REQUIRE(a.authors.size() == 3);
  CHECK(a.authors[0] == synth::Author{"Rotter", "Carina"});
  CHECK(a.year == 2022);
  CHECK(a.journal == "Journal of veterinary internal medicine");
  CHECK(a.doi == "10.1111/jvim.16404");
  CHECK(a.issn == "1939-1676");
  CHECK(a.type == "journal-article");
  CHECK(a.source.empty());
}

TEST_CASE("csv: bib-dedupe benchmark record files", "[csv]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto resp = read_csv_fixture("dedup/bib-dedupe/respiratory/records_pre_merged.csv");
  REQUIRE(resp.records.size() == 1988);
  const auto& a = resp.records[0];
  CHECK(a.source_id == "id_0000001");
  CHECK(a.title
        == "Perioperative nutritional support in patients undergoing hepatectomy for "
           "hepatocellular carcinoma");
  CHECK(a.authors == std::vector<synth::Author>{{"Ziegler", "T. R."}});
  CHECK(a.year == 1996);
  CHECK(a.pages == "91-92");
  CHECK(a.volume == "20");
  CHECK(a.journal == "Jpen: Journal of Parenteral & Enteral Nutrition");
  CHECK(resp.records[2].authors.size() == 3);

  CHECK(read_csv_fixture("dedup/bib-dedupe/digital_work/records_pre_merged.csv").records.size() == 7159);
  auto special = read_csv_fixture("dedup/bib-dedupe/special_cases/records_pre_merged.csv");
  REQUIRE(special.records.size() == 12);
  CHECK(special.records[0].authors == std::vector<synth::Author>{{"Deng", "Chaoqun"}, {"Ravichandran", "Thiagarajan"}});
  CHECK(special.records[0].type == "conference");
}

TEST_CASE("csv: CiteSource output read as a generic table", "[csv]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto r = read_csv_fixture("exports/citesource/analysis_across_phases_shiny_export.csv");
  REQUIRE(r.records.size() == 516);
  CHECK(r.records[0].title
        == "The long-term impact of bushfires on the mental health of Australians: "
           "a systematic review and meta-analysis");
  CHECK(r.records[0].doi == "10.1080/20008198.2022.2087980");
}
