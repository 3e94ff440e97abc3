// What import refuses or notes about a file as a whole (issue 10): an empty file, a forced
// format that does not fit, several databases in one file, the same search as nbib and CSV.
#include "support.hpp"

#include "synth/core/error.hpp"
#include "synth/formats/reader.hpp"
#include "synth/project/importer.hpp"
#include "synth/util/input.hpp"

#include "support_project.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <unistd.h>

using namespace synth;
namespace fs = std::filesystem;

namespace {

struct Project : synth::test::TempProject
{
  Project() : synth::test::TempProject("synth-import-checks") {}
  const fs::path dir{path()};
  project::ImportResult import(const fs::path& path, project::ImportOptions options = {})
  {
    store::Store::Transaction tx(*store);
    auto result = project::import_file(*store, path, path.filename().string(), options);
    tx.commit();
    return result;
  }
  std::string error_of(const fs::path& path, project::ImportOptions options = {})
  {
    try {
      import(path, options);
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  }
};

} // namespace

TEST_CASE("import: an empty file is an error, a note with --lenient", "[import]")
{
  Project p;
  auto empty = p.write("empty.ris", "");
  CHECK(p.error_of(empty) == "empty.ris: the file is empty");
  auto blank = p.write("blank.ris", "\n\n   \n");
  CHECK(p.error_of(blank) == "blank.ris: no records found in this ris file");
  project::ImportOptions lenient;
  lenient.lenient = true;
  auto result = p.import(empty, lenient);
  CHECK(result.records == 0);
  REQUIRE(result.notes.size() == 1);
  CHECK(result.notes[0] == "the file is empty; nothing imported (--lenient)");
  CHECK(p.store->counts().records == 0);
}

TEST_CASE("import: a forced format under which most records have no title is refused", "[import]")
{
  SYNTH_REQUIRE_FIXTURES();
  Project p;
  project::ImportOptions nbib;
  nbib.format = formats::Format::nbib;
  // Before: 64 records without a title imported with exit 0 (EBSCO writes T1, MEDLINE TI).
  auto ris = test::fixture("exports/citesource/valid_data/psycinfo_64.ris");
  CHECK(p.error_of(ris, nbib) == "psycinfo_64.ris: this does not look like nbib: 0 of 64 records have a title");
  CHECK(p.store->counts().records == 0);
  CHECK(p.store->counts().imports == 0);
  project::ImportOptions right;
  right.format = formats::Format::ris;
  CHECK(p.import(ris, right).records > 0);
}

TEST_CASE("import: a file whose records name several databases gets a note", "[import]")
{
  SYNTH_REQUIRE_FIXTURES();
  Project p;
  std::string both = util::read_file(test::fixture("exports/citesource/wildfire_stages/envindex_100.ris")) + "\n"
                     + util::read_file(test::fixture("exports/citesource/wildfire_stages/econlit_3.ris"));
  auto path = p.write("ebsco.ris", both);
  auto result = p.import(path);
  CHECK(result.records == 103);
  REQUIRE(result.notes.size() == 1);
  CHECK(result.notes[0]
        == "its records name 2 databases: EconLit (3), Environment Index (100); if the file is "
           "the result of one search, name its source with --source NAME");
  project::ImportOptions named;
  named.source = "EBSCOhost";
  auto again = p.import(p.write("ebsco2.ris", both + "\n"), named);
  CHECK(again.notes.empty());
}

TEST_CASE("import: the same PubMed search as nbib and as CSV is not counted twice", "[import]")
{
  SYNTH_REQUIRE_FIXTURES();
  Project p;
  auto nbib = test::fixture("pubmed/p1m_ortho/citations_92.nbib");
  auto first = p.import(nbib);
  REQUIRE(first.added == 92);
  // The same records as a CSV with a PMID column (the columns of a reference manager's CSV).
  std::string csv = "PMID,Title,Publication Year\n";
  formats::ReadContext ctx("n", false);
  formats::read_file(nbib, formats::Format::nbib, ctx, [&](Record&& r) {
    std::string title = r.title;
    for (std::size_t i = title.find('"'); i != std::string::npos; i = title.find('"', i + 2)) {
      title.insert(i, "\"");
    }
    csv += r.pmid + ",\"" + title + "\"," + std::to_string(r.year.value_or(0)) + "\n";
  });
  auto second = p.import(p.write("pubmed.csv", csv));
  CHECK(second.records == 92);
  CHECK(second.added == 0); // before: 92 more records, identified by the file
  CHECK(second.existing == 92);
}
