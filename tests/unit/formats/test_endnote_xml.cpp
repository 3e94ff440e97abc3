#include "synth/core/error.hpp"
#include "synth/formats/endnote_xml.hpp"
#include "synth/util/input.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace synth;
using synth::formats::ReadContext;

namespace {

std::vector<Record> read_endnote(std::string_view text, ReadContext& ctx)
{
  std::vector<Record> out;
  formats::read_endnote_xml(text, ctx, [&](Record&& r) { out.push_back(std::move(r)); });
  return out;
}

std::vector<Record> read_endnote_fixture(const std::string& rel)
{
  ReadContext ctx(rel, false);
  return read_endnote(util::read_file(test::fixture(rel)), ctx);
}

std::string record(const std::string& inner) { return "<record><rec-number>9</rec-number>" + inner + "</record>\n"; }

std::string library(const std::string& records)
{
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<xml>\n<records>\n" + records + "</records>\n</xml>\n";
}

} // namespace

TEST_CASE("EndNote XML fixtures give their record counts", "[endnote_xml]")
{
  SYNTH_REQUIRE_FIXTURES();
  // Counts from grep -o '<record>' | wc -l.
  const std::vector<std::pair<std::string, std::size_t>> files{
    {"exports/asysd/mendeley_export_endnote.xml", 1233},
    {"exports/asysd/zotero_export_endnote.xml", 1233},
    {"exports/jabref/EndnoteXmlImporterTestArticle.xml", 1},
    {"exports/jabref/EndnoteXmlImporterTestArticle2.xml", 2},
    {"exports/jabref/EndnoteXmlImporterTestLabelAndMultiTitle.xml", 3},
    {"exports/jabref/EndnoteXmlImporterTestReport.xml", 1},
    {"exports/jabref/EndnoteXmlImporterTest_EmptyKeywordStyle.xml", 1},
    {"exports/jabref/EndnoteXmlImporterTest_WithoutUrlStyle.xml", 1},
    {"exports/jabref/EndnoteXmlImporterTest_WithoutUrlStyle2.xml", 2},
    {"exports/reflib_bluelight/blue-light_endnote.xml", 102},
    {"exports/reflib_bluelight/multipart_endnote.xml", 1},
    {"dedup/dedupe-sweep/tafenoquine_endnote.xml", 179},
    {"dedup/bib-dedupe/respiratory/Respiratory_endnote.xml", 1988},
  };
  for (const auto& [file, count] : files) {
    INFO(file);
    auto records = read_endnote_fixture(file);
    CHECK(records.size() == count);
    for (const auto& r : records) {
      CHECK(!r.title.empty());
      CHECK(r.raw.rfind("<record>", 0) == 0);
    }
  }
}

TEST_CASE("EndNote XML fields of a journal article", "[endnote_xml]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto records = read_endnote_fixture("exports/jabref/EndnoteXmlImporterTestArticle.xml");
  REQUIRE(records.size() == 1);
  const auto& r = records[0];
  CHECK(r.title
        == "Trends in the lifetime risk of developing cancer in Great Britain: comparison of risk "
           "for those born from 1930 to 1960");
  CHECK(r.authors == std::vector<Author>{{"Ahmad", "AS"}, {"Ormiston-Smith", "N"}, {"Sasieni", "PD"}});
  CHECK(r.journal == "Br J Cancer");
  CHECK(r.volume == "112");
  CHECK(r.issue == "5");
  CHECK(r.pages == "943-7");
  CHECK(r.year == 2015);
  CHECK(r.date == "2015-03-03"); // year 2015 + pub-date "Mar 3"
  CHECK(r.doi == "10.1038/bjc.2014.606");
  CHECK(r.issn == "1532-1827"); // isbn "1532-1827 (Electronic)&#xD;0007-0920 (Linking)"
  CHECK(r.source_id == "25647015");
  CHECK(r.pmid == "25647015");
  CHECK(r.url == "http://www.ncbi.nlm.nih.gov/pubmed/25647015");
  CHECK(r.abstract == "test abstract");
  CHECK(r.keywords.size() == 13);
  CHECK(r.keywords.front() == "Age Factors");
  CHECK(r.publication_types == std::vector<std::string>{"Journal Article"});
  CHECK(r.type == "journal-article");
  CHECK(r.source.empty());
  CHECK(r.provenance.line == 4);

  auto report = read_endnote_fixture("exports/jabref/EndnoteXmlImporterTestReport.xml");
  REQUIRE(report.size() == 1);
  CHECK(report[0].source_id == "1289"); // rec-number: no accession number
  CHECK(report[0].pmid.empty());
  CHECK(report[0].title == "Purple Martin (Progne subis): a technical conservation assessment");

  auto wos = read_endnote_fixture("exports/jabref/EndnoteXmlImporterTestArticle2.xml");
  REQUIRE(wos.size() == 2);
  CHECK(wos[0].source_id == "ISI:000200148800007");
  CHECK(wos[0].pmid.empty());
  CHECK(wos[1].type == "book");
}

TEST_CASE("EndNote XML from Mendeley has text without <style>", "[endnote_xml]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto records = read_endnote_fixture("exports/asysd/mendeley_export_endnote.xml");
  REQUIRE(!records.empty());
  const auto& r = records[0];
  CHECK(r.title == "Myoclonus in older Cavalier King Charles Spaniels.");
  CHECK(r.authors.front() == Author{"Rotter", "Carina"});
  CHECK(r.journal == "Journal of veterinary internal medicine");
  CHECK(r.doi == "10.1111/jvim.16404");
  CHECK(r.pmid == "35319117");
  CHECK(r.language == "eng");
  CHECK(r.year == 2022);
  CHECK(r.issue == "3");
}

TEST_CASE("EndNote XML remote database names the source: captions stay in raw", "[endnote_xml]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto records = read_endnote_fixture("dedup/dedupe-sweep/tafenoquine_endnote.xml");
  REQUIRE(records.size() == 179);
  auto count = [&](auto pred) { return std::count_if(records.begin(), records.end(), pred); };
  // remote-database-name: 47 "Embase&#xD;Medline", 12 "Embase", 2 "Medline".
  CHECK(count([](const Record& r) { return r.source == "Embase"; }) == 59);
  CHECK(count([](const Record& r) { return r.source == "Medline"; }) == 2);
  // accession-num: 73 PMIDs (7-8 digits), 40 CENTRAL "CN-...", 5 "WOS:...".
  CHECK(count([](const Record& r) { return !r.pmid.empty(); }) == 73);
  CHECK(count([](const Record& r) { return r.source_id.rfind("CN-", 0) == 0; }) == 40);
  CHECK(count([](const Record& r) { return r.source_id.rfind("WOS:", 0) == 0; }) == 5);
  // 114 records carry <caption>Duplicate</caption> (grep -o '<caption>' | wc -l).
  CHECK(count([](const Record& r) { return r.raw.find("<caption>") != std::string::npos; }) == 114);
  CHECK(records[0].title == "8-Aminoquinoline Therapy for Latent Malaria");
  CHECK(records[0].date == "2019-09-18");
  CHECK(records[0].issn == "0893-8512");
}

TEST_CASE("EndNote XML inline: entities, styles split in parts, dates", "[endnote_xml]")
{
  ReadContext ctx("inline.xml", false);
  auto records =
    read_endnote(library(record("<ref-type name=\"Journal Article\">17</ref-type><titles><title>"
                                "<style face=\"normal\">Foo &amp; </style><style face=\"italic\">Bar</style>"
                                "</title></titles><dates><year><style>2019</style></year><pub-dates><date>"
                                "<style>2019/08/02</style></date></pub-dates></dates>"
                                "<remote-database-name><style>PsycINFO</style></remote-database-name>"
                                "<accession-num><style>12345678</style></accession-num>")),
                 ctx);
  REQUIRE(records.size() == 1);
  CHECK(records[0].title == "Foo & Bar");
  CHECK(records[0].date == "2019-08-02");
  CHECK(records[0].source == "PsycINFO");
  CHECK(records[0].source_id == "12345678");
  CHECK(records[0].pmid.empty()); // a PsycINFO accession number is not a PMID
}

TEST_CASE("EndNote XML errors", "[endnote_xml]")
{
  SYNTH_REQUIRE_FIXTURES();
  const std::string text = library(record("<titles><title>One</title></titles>") + record("<titles><title>Two</titles>")
                                   + record("<titles><title>Three</title></titles>"));
  ReadContext strict("lib.xml", false);
  CHECK_THROWS_WITH(read_endnote(text, strict), "lib.xml:5: malformed XML in record: start-end tags mismatch");
  ReadContext lenient("lib.xml", true);
  auto records = read_endnote(text, lenient);
  REQUIRE(records.size() == 2);
  CHECK(records[1].title == "Three");
  CHECK(records[1].provenance.line == 6);
  REQUIRE(lenient.skipped().size() == 1);
  CHECK(lenient.skipped()[0].line == 5);

  ReadContext other("p.xml", false);
  CHECK_THROWS_WITH(read_endnote(util::read_file(test::fixture("pubmed/p1m_ortho/pubmed_result_292.xml")), other),
                    "p.xml:3: not an EndNote XML file: root element is <PubmedArticleSet>");
}
