#include "support.hpp"

#include "synth/core/error.hpp"
#include "synth/formats/reader.hpp"
#include "synth/formats/ris.hpp"
#include "synth/util/input.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace synth;
using namespace synth::formats;

namespace {
std::vector<Record> read(std::string_view text, bool lenient = false, ReadContext* out_ctx = nullptr)
{
  ReadContext ctx("t.ris", lenient);
  std::vector<Record> records;
  read_ris(text, ctx, [&](Record&& r) { records.push_back(std::move(r)); });
  if (out_ctx) {
    *out_ctx = ctx;
  }
  return records;
}

std::vector<Record> read_fixture(const std::string& rel)
{
  ReadContext ctx(rel, false);
  std::vector<Record> records;
  read_file(test::fixture(rel), Format::automatic, ctx, [&](Record&& r) { records.push_back(std::move(r)); });
  return records;
}
} // namespace

TEST_CASE("RIS fields of a Zotero-style record", "[ris]")
{
  auto records = read("TY  - JOUR\r\n"
                      "TI  - The art of helpful relationships\r\n"
                      "AU  - Ljungberg, Amanda\r\n"
                      "AU  - Denhov, Anne\r\n"
                      "PY  - 2015\r\n"
                      "DA  - 2015/12/01/\r\n"
                      "T2  - Psychiatric Quarterly\r\n"
                      "J2  - Psychiatr Q\r\n"
                      "VL  - 86\r\n"
                      "IS  - 4\r\n"
                      "SP  - 471\r\n"
                      "EP  - 495\r\n"
                      "SN  - 0033-2720\r\n"
                      "LA  - English\r\n"
                      "DO  - 10.1007/S11126-015-9347-5\r\n"
                      "AB  - First line of the abstract\r\n"
                      "  continues here.\r\n"
                      "KW  - mental illness\r\n"
                      "ER  - \r\n");
  REQUIRE(records.size() == 1);
  const auto& r = records[0];
  CHECK(r.title == "The art of helpful relationships");
  CHECK(r.authors == std::vector<Author>{{"Ljungberg", "Amanda"}, {"Denhov", "Anne"}});
  CHECK(r.year == 2015);
  CHECK(r.date == "2015-12-01");
  CHECK(r.journal == "Psychiatric Quarterly");
  CHECK(r.journal_abbrev == "Psychiatr Q");
  CHECK(r.pages == "471-495");
  CHECK(r.volume == "86");
  CHECK(r.issue == "4");
  CHECK(r.issn == "0033-2720");
  CHECK(r.language == "eng");
  CHECK(r.doi == "10.1007/s11126-015-9347-5");
  CHECK(r.abstract == "First line of the abstract continues here.");
  CHECK(r.keywords == std::vector<std::string>{"mental illness"});
  CHECK(r.type == "journal-article");
  CHECK(r.provenance.line == 1);
  CHECK(r.provenance.index == 1);
}

TEST_CASE("RIS with CR-only line ends, Ovid numbering and a DB tag", "[ris]")
{
  auto records = read("1.\rTY  - JOUR\rDB  - Embase\rAN  - 123\rM3  - Journal: Conference Abstract\rTI  - A\rER  - \r"
                      "2.\rTY  - JOUR\rDB  - Embase\rAN  - 124\rTI  - B\rER  - \r");
  REQUIRE(records.size() == 2);
  CHECK(records[0].source == "Embase");
  CHECK(records[0].source_id == "123");
  CHECK(records[0].type == "conference");
  CHECK(records[1].provenance.line == 9);
  CHECK(records[1].title == "B");
}

TEST_CASE("RIS errors name the line", "[ris]")
{
  CHECK_THROWS_WITH(read("\nJF  - Journal\nTI  - x\nER  - \n"), "t.ris:2: record has no TY tag");
  CHECK_THROWS_WITH(read("TY  - JOUR\nTI  - x\nER  - \nTY  - JOUR\nTI  - y\n"),
                    "t.ris:4: record has no ER line (file ends inside the record)");
  ReadContext ctx("t.ris", true);
  auto records =
    read("TY  - JOUR\nTI  - good\nER  - \nJF  - bad\nER  - \nTY  - JOUR\nTI  - good2\nER  - \n", true, &ctx);
  CHECK(records.size() == 2);
  REQUIRE(ctx.skipped().size() == 1);
  CHECK(ctx.skipped()[0].line == 4);
  CHECK(ctx.skipped()[0].reason == "record has no TY tag");
}

TEST_CASE("RIS written by synth reads back field for field", "[ris]")
{
  Record r;
  r.source = "CINAHL";
  r.source_id = "AN-1";
  r.pmid = "123";
  r.doi = "10.1/x";
  r.title = "Helpful relationships";
  r.abstract = "An abstract.";
  r.authors = {{"Topor", "Alain"}, {"Writing Committee", ""}, {"Smith", ""}};
  r.year = 2013;
  r.date = "2013-11";
  r.journal = "Psychiatric Quarterly";
  r.journal_abbrev = "Psychiatr Q";
  r.issn = "0033-2720";
  r.volume = "86";
  r.issue = "4";
  r.pages = "471-95";
  r.language = "eng";
  r.publication_types = {"Journal Article", "Review"};
  r.type = "review";
  r.keywords = {"a", "b"};
  r.mesh = {"Mental Disorders"};
  r.url = "https://example.org/x";
  std::ostringstream out;
  write_ris(out, r);
  auto back = read(out.str());
  REQUIRE(back.size() == 1);
  auto b = back[0];
  b.raw.clear();
  b.provenance = {};
  CHECK(b == r);
}

TEST_CASE("RIS exports of real databases import with their record counts", "[ris][fixtures]")
{
  SYNTH_REQUIRE_FIXTURES();
  // Counts checked independently: number of "ER  -" lines of each file (grep -c '^ER  -').
  const std::vector<std::pair<std::string, std::size_t>> files = {
    {"exports/asysd/endnote_ris_export_821.txt", 821},
    {"exports/asysd/endnote_ris_export_mixed.txt", 69},
    {"exports/asysd/scopus.ris", 10},
    {"exports/asysd/wos_test.ris", 50},
    {"exports/asysd/zotero_export.ris", 1000},
    {"exports/citesource/tests_1_WoS.ris", 219},
    {"exports/citesource/valid_data/psycinfo_64.ris", 64},
    {"exports/citesource/valid_data/pubmed_46.ris", 46},
    {"exports/citesource/wildfire_stages/lens_343.ris", 343},
    {"exports/citesource/wildfire_stages/Dimensions_246.ris", 246},
    {"exports/ovid_mckeown/ovid_1_to_1000_medline_cctr.ris", 1000},
    {"exports/ovid_mckeown/ovid_1001_to_2000_embase.ris", 1000},
    {"exports/ovid_mckeown/ovid_3001_to_3130_psycinfo.ris", 130},
    {"exports/reflib_bluelight/blue-light.ris", 102},
    {"exports/revtools/restoration_scopus.ris", 286},
    {"exports/synthesisr/scielo.ris", 38},
    {"exports/synthesisr/scopus.ris", 92},
    {"exports/jabref/RisImporterTest1.ris", 1},
    {"exports/jabref/RisImporterTestWithEmptyER.ris", 1},
  };
  for (const auto& [file, count] : files) {
    INFO(file);
    CHECK(read_fixture(file).size() == count);
  }
}

TEST_CASE("RIS dialect fields from real exports", "[ris][fixtures]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto empty_er = read_fixture("exports/jabref/RisImporterTestWithEmptyER.ris");
  REQUIRE(empty_er.size() == 1);
  CHECK(empty_er[0].title == "Length scales and interfacial potentials in ion hydration");
  CHECK(empty_er[0].authors == std::vector<Author>{{"Shi", "Yu"}, {"Beck", "Thomas L."}});
  CHECK(empty_er[0].doi == "10.1063/1.4814070");
  CHECK(empty_er[0].journal == "The Journal of Chemical Physics");
  CHECK(empty_er[0].journal_abbrev == "J. Chem. Phys.");
  CHECK(empty_er[0].year == 2013);
  CHECK(empty_er[0].pages == "044504");

  auto ovid = read_fixture("exports/ovid_mckeown/ovid_1_to_1000_medline_cctr.ris");
  REQUIRE(!ovid.empty());
  CHECK(ovid[0].title == "Mushroom poisoning: A proposed new clinical classification.");
  CHECK(ovid[0].authors.at(0) == Author{"White", "Julian"});

  CHECK_THROWS_WITH(read_fixture("exports/jabref/RisImporterCorrupted.ris"),
                    "exports/jabref/RisImporterCorrupted.ris:2: record has no TY tag");
}

TEST_CASE("format detection from content", "[ris][detect]")
{
  CHECK(detect_format("TY  - JOUR\nER  - \n", "x.txt") == Format::ris);
  CHECK(detect_format("\xEF\xBB\xBF\nTY  - JOUR\n", "x") == Format::ris);
  CHECK(detect_format("PMID- 123\nTI  - x\n", "x.txt") == Format::nbib);
  CHECK(detect_format("<?xml version=\"1.0\"?>\n<PubmedArticleSet>", "x") == Format::pubmed_xml);
  CHECK(detect_format("<xml><records><record>", "x") == Format::endnote_xml);
  CHECK(detect_format("@article{key,\n title={x}}", "x") == Format::bibtex);
  CHECK(detect_format("FN Clarivate Analytics Web of Science\nVR 1.0\n", "x") == Format::wos);
  CHECK(detect_format("%0 Journal Article\n%T x\n", "x") == Format::endnote_tagged);
  CHECK(detect_format("{\"status\":\"ok\",\"message\":{}}", "x") == Format::crossref_json);
  CHECK(detect_format("title,year\nA,2001\n", "x") == Format::csv);
  CHECK(detect_format("just some words\n", "x") == std::nullopt);
}

TEST_CASE("format detection: MEDLINE without a PMID line, JSON that is not Crossref's", "[detect]")
{
  // JabRef's hand-made MEDLINE samples have no PMID line; tags only MEDLINE has tell.
  CHECK(detect_format("PMCR- 20481061\nTI  - This is a Testtitle\nPT  - Book", "x.txt") == Format::nbib);
  CHECK(detect_format("PMC -22664230\nTI-\nFAU -\nFED - Some Editor\n", "x.txt") == Format::nbib);
  // RIS has TI/AB/PT too, but always TY.
  CHECK(detect_format("TY  - JOUR\nFAU - not medline\nER  - \n", "x") == Format::ris);
  CHECK(detect_format("{\"DOI\":\"10.1/x\",\"title\":[\"t\"]}", "x") == Format::crossref_json);
  CHECK(detect_format("[\n\t{\n\t\t\"recNumber\": \"895\",\n\t\t\"title\": \"x\"", "blue-light.json") == std::nullopt);
}

TEST_CASE("RIS identity and source: ID when there is no AN, the database from links", "[ris]")
{
  // Ovid writes its accession number in ID and the database segment in the link's D=.
  auto ovid = read("TY  - JOUR\nID  - CN-01291099\nT1  - A trial\n"
                   "L2  - http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D=cctr&NEWS=N&AN=CN-01291099\n"
                   "ER  - \n\n"
                   "TY  - JOUR\nID  - 625021399\nT1  - B\n"
                   "L2  - http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D=emed19&NEWS=N&AN=625021399\n"
                   "ER  - \n");
  REQUIRE(ovid.size() == 2);
  CHECK(ovid[0].source_id == "CN-01291099");
  CHECK(ovid[0].source == "EBM Reviews - Cochrane Central Register of Controlled Trials");
  CHECK(ovid[1].source == "Embase");
  // AN wins over ID; a WOS: accession names Web of Science; a DB tag wins over links.
  auto wos = read("TY  - JOUR\nID  - 12\nAN  - WOS:000082252000006\nTI  - W\nER  - \n"
                  "TY  - JOUR\nDB  - psyh\nUR  - https://lens.org/000-454\nTI  - P\nER  - \n"
                  "TY  - JOUR\nDB  - Ovid MEDLINE(R) <2019>\nTI  - M\nER  - \n"
                  "TY  - JOUR\nUR  - https://lens.org/000-454-299-663-964\nTI  - L\nER  - \n");
  REQUIRE(wos.size() == 4);
  CHECK(wos[0].source_id == "WOS:000082252000006");
  CHECK(wos[0].source == "Web of Science");
  CHECK(wos[1].source == "APA PsycInfo");
  CHECK(wos[2].source == "Ovid MEDLINE(R)");
  CHECK(wos[3].source == "Lens.org");
}

TEST_CASE("RIS: tags between ER and the next TY belong to no record", "[ris]")
{
  // Ovid writes "NL  - ..." after ER, then text, then the next record.
  auto records = read("TY  - JOUR\nTI  - One\nER  - \nNL  - Drug Alcohol Depend\n\n"
                      "Link to the Ovid Full Text\n\n3003.\nTY  - BOOK\nTI  - Two\nER  - \n");
  REQUIRE(records.size() == 2);
  CHECK(records[1].title == "Two");
  CHECK(records[1].provenance.line == 9);
  CHECK(records[1].raw.rfind("TY  - BOOK", 0) == 0);
  // A record that never had a TY is still an error at its first line.
  CHECK_THROWS_WITH(read("TY  - JOUR\nER  - \nJF  - x\nER  - \n"), "t.ris:3: record has no TY tag");
}

TEST_CASE("RIS types: GEN carries no type, Ovid's M3 classification is not a type", "[ris]")
{
  auto records = read("TY  - GEN\nTI  - Lens record\nER  - \n"
                      "TY  - JOUR\nM3  - Psychopharmacology [2580]\nTI  - PsycInfo\nER  - \n"
                      "TY  - JOUR\nM3  - Short Survey\nTI  - Scopus\nER  - \n");
  REQUIRE(records.size() == 3);
  CHECK(records[0].publication_types.empty());
  CHECK(records[0].type.empty());
  CHECK(records[1].publication_types == std::vector<std::string>{"JOUR"});
  CHECK(records[1].type == "journal-article");
  CHECK(records[2].publication_types == std::vector<std::string>{"Short Survey"});
  CHECK(records[2].type == "review");
}
