// Vendor quirks of real exports (issue 10): Ovid's lines after ER, EBSCO's database names,
// a CSV whose PMID column identifies its records.
#include "support.hpp"

#include "synth/core/error.hpp"
#include "synth/formats/reader.hpp"
#include "synth/formats/source_names.hpp"
#include "synth/util/input.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace synth;
using namespace synth::formats;

namespace {

std::vector<Record> read_all(const std::string& text, Format format, ReadContext& ctx)
{
  std::vector<Record> out;
  read_text(text, format, ctx, [&](Record&& r) { out.push_back(std::move(r)); });
  return out;
}

} // namespace

TEST_CASE("Ovid RIS: NL and link lines after ER belong to no record, also after the last", "[ris][ovid]")
{
  SYNTH_REQUIRE_FIXTURES();
  // The real PsycINFO export; its records are followed by "NL  - <journal>" and "Link to the
  // Ovid Full Text" lines, and numbered "3001. ". Ovid writes the NL line after the last
  // record too (the 157-record export of issue 10): before, "record has no ER line".
  std::string text = util::read_file(test::fixture("exports/ovid_mckeown/ovid_3001_to_3130_psycinfo.ris"));
  REQUIRE(text.find("\r\nNL  - Drug Alcohol Depend\r\n") != std::string::npos);
  text += "NL  - Drug Alcohol Depend\r\n\r\nLink to the Ovid Full Text or citation: "
          "https://proxy.queensu.ca/login?url=http://ovidsp.ovid.com?T=JS&CSC=Y&NEWS=N&PAGE=fulltext&D=psyc1\r\n\r\n";
  ReadContext ctx("psycinfo.ris", false);
  auto records = read_all(text, Format::ris, ctx);
  CHECK(records.size() == 130);
  CHECK(ctx.skipped().empty());
  for (const auto& r : records) {
    CHECK(r.raw.rfind("TY  - ", 0) == 0);
    CHECK(r.journal_abbrev.find("Link to the Ovid") == std::string::npos);
    CHECK(r.source == "APA PsycInfo");
  }
  ReadContext lenient("psycinfo.ris", true);
  CHECK(read_all(text, Format::ris, lenient).size() == 130);
  CHECK(lenient.skipped().empty()); // before: "1 bad record skipped" though all were read
}

TEST_CASE("EBSCO DB names: trimmed, invisible characters removed, codes named", "[ris][sources]")
{
  CHECK(database_name("psyh\xE2\x80\x8B") == "APA PsycInfo"); // zero-width space
  CHECK(database_name(" \xE2\x80\x8B"
                      "CINAHL Complete ")
        == "CINAHL Complete");
  CHECK(database_name("APA\xC2\xA0PsycInfo") == "APA PsycInfo"); // no-break space
  CHECK(database_name("Academic\xE2\x80\x8C Search Complete") == "Academic Search Complete");
  CHECK(database_name("\xEF\xBB\xBFi3h") == "Criminal Justice Abstracts");
  SYNTH_REQUIRE_FIXTURES();
  // The real EBSCO PsycInfo export with zero-width spaces in some DB tags, as the 16-source
  // export of issue 10 had them: still one source.
  std::string text =
    util::read_file(test::fixture("exports/citesource/gambling_harms/20221207_gambling-harms_psycinfo_124.ris"));
  std::string marked;
  std::size_t at = 0;
  int n = 0;
  for (auto pos = text.find("DB  - psyh", at); pos != std::string::npos; pos = text.find("DB  - psyh", at)) {
    marked += text.substr(at, pos - at);
    marked += (n++ % 2) ? "DB  - psyh\xE2\x80\x8B " : "DB  -  \xE2\x80\x8Bpsyh";
    at = pos + 10;
  }
  marked += text.substr(at);
  REQUIRE(n == 124);
  ReadContext ctx("psycinfo.ris", false);
  std::set<std::string> sources;
  for (const auto& r : read_all(marked, Format::ris, ctx)) {
    sources.insert(r.source);
  }
  CHECK(sources == std::set<std::string>{"APA PsycInfo"});
}

TEST_CASE("CSV: a PMID column identifies the records as an nbib's PMID does", "[csv]")
{
  std::string csv = "PMID,Title,Authors,Year,DOI\n"
                    "38043855,Reply to a letter,\"Smith A, Jones B\",2023,10.1000/x\n"
                    ",A row without a PMID,Doe J,2022,\n";
  ReadContext ctx("pubmed.csv", false);
  auto records = read_all(csv, Format::csv, ctx);
  REQUIRE(records.size() == 2);
  CHECK(records[0].source == "PubMed");
  CHECK(records[0].source_id == "38043855");
  CHECK(records[0].pmid == "38043855");
  CHECK(records[1].source_id.empty());
  CHECK(ctx.default_source == "PubMed"); // the row without a PMID is PubMed's too
  // With an id column, the id identifies; the PMID is kept as the PMID.
  ReadContext other("zotero.csv", false);
  auto keyed = read_all("Key,Title,PubMed ID\nABC,A title,123\n", Format::csv, other);
  REQUIRE(keyed.size() == 1);
  CHECK(keyed[0].source_id == "ABC");
  CHECK(keyed[0].pmid == "123");
  CHECK(keyed[0].source.empty());
}
