#include "support.hpp"

#include "synth/core/error.hpp"
#include "synth/project/exporter.hpp"
#include "synth/project/importer.hpp"
#include "synth/project/status.hpp"

#include "support_project.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace synth;

namespace {
// A fresh store in a temporary folder, removed afterwards.
struct TempStore : synth::test::TempProject
{
  TempStore() : synth::test::TempProject("synth-test") {}
  const std::filesystem::path dir{path()};
};

project::ImportResult import(store::Store& s, const std::filesystem::path& path, project::ImportOptions options = {})
{
  store::Store::Transaction tx(s);
  auto result = project::import_file(s, path, path.filename().string(), options);
  tx.commit();
  return result;
}

std::vector<Record> without_provenance(std::vector<Record> records)
{
  for (auto& r : records) {
    r.id = 0;
    r.raw.clear();
    r.provenance = {};
    if (r.source_id.rfind("file:", 0) == 0) {
      r.source_id.clear();
    }
  }
  return records;
}
} // namespace

TEST_CASE("importing a file twice adds nothing the second time", "[import]")
{
  SYNTH_REQUIRE_FIXTURES();
  TempStore t;
  auto file = test::fixture("exports/citesource/valid_data/psycinfo_64.ris");
  auto first = import(*t.store, file);
  CHECK(first.records == 64);
  CHECK(first.added == 64);
  CHECK_FALSE(first.already_imported);
  auto second = import(*t.store, file);
  CHECK(second.already_imported);
  CHECK(second.added == 0);
  CHECK(t.store->counts().records == 64);
  // Under another source name the same file is a second source (e.g. a second database).
  project::ImportOptions other;
  other.source = "Copy";
  auto third = import(*t.store, file, other);
  CHECK(third.added == 64);
  CHECK(t.store->counts().records == 128);
}

TEST_CASE("records keep their provenance", "[import]")
{
  SYNTH_REQUIRE_FIXTURES();
  TempStore t;
  import(*t.store, test::fixture("exports/jabref/RisImporterTestWithEmptyER.ris"));
  auto records = t.store->records();
  REQUIRE(records.size() == 1);
  CHECK(records[0].provenance.file == "RisImporterTestWithEmptyER.ris");
  CHECK(records[0].provenance.line == 6);
  CHECK(records[0].source == "RisImporterTestWithEmptyER");
  CHECK(records[0].raw.rfind("TY  - JOUR", 0) == 0);
  auto searches = t.store->searches();
  REQUIRE(searches.size() == 1);
  CHECK(searches[0].kind == "import");
  CHECK(searches[0].format == "ris");
  CHECK(searches[0].records_retrieved == 1);
}

TEST_CASE("a failed import inside a transaction leaves the store as it was", "[import]")
{
  SYNTH_REQUIRE_FIXTURES();
  TempStore t;
  import(*t.store, test::fixture("exports/citesource/valid_data/pubmed_46.ris"));
  {
    store::Store::Transaction tx(*t.store);
    project::import_file(*t.store, test::fixture("exports/citesource/valid_data/psycinfo_64.ris"), "ok.ris", {});
    CHECK_THROWS_AS(
      project::import_file(*t.store, test::fixture("exports/jabref/RisImporterCorrupted.ris"), "bad.ris", {}), Error);
    // No commit: the transaction is rolled back.
  }
  CHECK(t.store->counts().records == 46);
  CHECK(t.store->searches().size() == 1);
}

TEST_CASE("RIS export reads back as the same records, from every kind of source", "[export][roundtrip]")
{
  SYNTH_REQUIRE_FIXTURES();
  // One file of each reader and of the main RIS dialects.
  for (const auto* rel :
       {"pubmed/p1m_ortho/pubmed_result_292.xml", "pubmed/nlm_medsamp/medsamp2014.xml",
        "pubmed/p1m_ortho/citations_92.nbib", "exports/ovid_mckeown/ovid_3001_to_3130_psycinfo.ris",
        "exports/ovid_mckeown/ovid_1001_to_2000_embase.ris", "exports/asysd/zotero_export.ris",
        "exports/citesource/gambling_harms/20221207_gambling-harms_psycinfo_124.ris",
        "exports/citesource/wildfire_stages/lens_343.ris", "exports/citesource/wildfire_stages/Dimensions_246.ris",
        "exports/synthesisr/scielo.ris", "exports/revtools/restoration_scopus.ris",
        "exports/revtools/restoration_WoS.ciw", "exports/synthesisr/WoS_biosis_tabdelim_CR.txt",
        "exports/litsearchr/WoS_corecollection_final_1.bib", "exports/synthesisr/scopus.csv",
        "pubmed/p1m_ortho/pubmed_legacy_csv_4443.csv", "exports/reflib_bluelight/blue-light_endnote.xml",
        "exports/jabref/OvidImporterTest1.txt", "exports/jabref/refer.bibIX.ref"}) {
    INFO(rel);
    TempStore a;
    import(*a.store, test::fixture(rel));
    auto ris = a.dir / "out.ris";
    {
      std::ofstream out(ris, std::ios::binary);
      project::export_records(*a.store, project::ExportFormat::ris, project::ExportSelection::all, out);
    }
    TempStore b;
    import(*b.store, ris);
    auto original = without_provenance(a.store->records());
    auto again = without_provenance(b.store->records());
    REQUIRE(original.size() == again.size());
    std::size_t same = 0;
    for (std::size_t i = 0; i < original.size(); ++i) {
      if (original[i] == again[i]) {
        ++same;
      } else {
        INFO("record " << i + 1 << ": " << original[i].title);
        CHECK(original[i].title == again[i].title);
        CHECK(original[i].authors == again[i].authors);
        CHECK(original[i].date == again[i].date);
        CHECK(original[i].publication_types == again[i].publication_types);
        CHECK(original[i].type == again[i].type);
        CHECK(original[i].source_id == again[i].source_id);
        CHECK(original[i] == again[i]);
      }
    }
    CHECK(same == original.size());
  }
}

TEST_CASE("CSV export has the contract's columns and one row per record", "[export]")
{
  SYNTH_REQUIRE_FIXTURES();
  TempStore t;
  import(*t.store, test::fixture("exports/citesource/valid_data/pubmed_46.ris"));
  std::ostringstream out;
  CHECK(project::export_records(*t.store, project::ExportFormat::csv, project::ExportSelection::all, out) == 46);
  auto text = out.str();
  CHECK(text.rfind("record_id,cluster_id,source,source_record_id,doi,pmid,title,year,journal,authors,language,"
                   "publication_types,stage,decision,reason",
                   0)
        == 0);
  // A record without a cluster is its own cluster.
  CHECK(text.find("\r\n1,1,") != std::string::npos);
  auto status = project::read_status(*t.store);
  CHECK(status.records == 46);
  CHECK_FALSE(status.deduplicated);
}
