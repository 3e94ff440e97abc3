// EndNote / refer tagged text (%0, %A ...).
#include "read_support.hpp"

#include "synth/core/error.hpp"
#include "synth/formats/endnote_tagged.hpp"
#include "synth/util/input.hpp"

#include <catch2/catch.hpp>

using synth::Author;
using synth::Record;
using synth::formats::read_endnote_tagged;

namespace {

using synth::test::ReadResult;

ReadResult read_enw_text(std::string_view text, bool lenient = false, const std::string& label = "t.enw")
{
  return synth::test::read_with(read_endnote_tagged, text, lenient, label);
}

ReadResult read_enw_fixture(const std::string& name)
{
  return synth::test::read_fixture_with(read_endnote_tagged, "exports/jabref/" + name, false, name);
}

} // namespace

TEST_CASE("endnote tagged: a book", "[endnote_tagged]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto r = read_enw_fixture("Endnote.book.example.enw");
  REQUIRE(r.records.size() == 1);
  const auto& a = r.records[0];
  CHECK(a.type == "book");
  CHECK(a.title == "Git : dezentrale Versionsverwaltung im Team : Grundlagen und Workflows");
  CHECK(a.authors == std::vector<Author>{{"Preißel", "René"}, {"Stachmann", "Bjørn"}});
  CHECK(a.year == 2016);
  CHECK(a.url == "http://d-nb.info/107601965X");
  CHECK(a.keywords == std::vector<std::string>{"Versionsverwaltung"});
  CHECK(a.issn.empty()); // %@ holds the ISBN here
  CHECK(a.provenance.line == 1);
}

TEST_CASE("endnote tagged: JabRef's entries and refer samples", "[endnote_tagged]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto e = read_enw_fixture("Endnote.entries.enw");
  REQUIRE(e.records.size() == 5);
  CHECK(e.records[0].title == "testT");
  CHECK(e.records[0].authors == std::vector<Author>{{"testA0", ""}, {"testA1", ""}});
  CHECK(e.records[1].publication_types == std::vector<std::string>{"Test0"});
  CHECK(e.records[1].journal == "testJ");
  CHECK(e.records[4].type == "dissertation");
  CHECK(e.records[4].volume == "testV");
  CHECK(e.records[4].issue == "testN");
  CHECK(e.records[4].pages == "testP");
  CHECK(e.records[4].abstract == "testX");
  CHECK(e.records[4].provenance.line == 28);

  auto refer = read_enw_fixture("refer.bibIX.ref");
  REQUIRE(refer.records.size() == 4);
  CHECK(refer.records[0].title == "TitleTest");
  CHECK(refer.records[0].type == "book");
  CHECK(refer.records[0].language == "eng");
  CHECK(refer.records[1].type == "conference");
  CHECK(refer.records[1].journal == "Proceedings Title");
  CHECK(refer.records[1].provenance.line == 18);
  CHECK(refer.records[3].type == "dissertation");
}

TEST_CASE("endnote tagged: journal article with CRLF, continuation lines and a DOI", "[endnote_tagged]")
{
  auto r = read_enw_text("%0 Journal Article\r\n%A Smith, John\r\n%A Doe, J.\r\n%T A study\r\n"
                         "%J Journal of Tests\r\n%D 2012\r\n%V 5\r\n%N 2\r\n%P 10-20\r\n"
                         "%R 10.1000/ABC\r\n%X First line\r\nsecond line\r\n%K alpha\r\n%K beta\r\n"
                         "%G English\r\n%M 12345\r\n%@ 1234-5678\r\n%~ PubMed\r\n\r\n"
                         "%0 Journal Article\r\n%T Second\r\n%0 Journal Article\r\n%T Third\r\n");
  REQUIRE(r.records.size() == 3);
  const auto& a = r.records[0];
  CHECK(a.authors == std::vector<Author>{{"Smith", "John"}, {"Doe", "J."}});
  CHECK(a.title == "A study");
  CHECK(a.journal == "Journal of Tests");
  CHECK(a.year == 2012);
  CHECK(a.volume == "5");
  CHECK(a.issue == "2");
  CHECK(a.pages == "10-20");
  CHECK(a.doi == "10.1000/abc");
  CHECK(a.abstract == "First line second line");
  CHECK(a.keywords == std::vector<std::string>{"alpha", "beta"});
  CHECK(a.language == "eng");
  CHECK(a.source_id == "12345");
  CHECK(a.issn == "1234-5678");
  CHECK(a.source == "PubMed");
  CHECK(a.type == "journal-article");
  CHECK(r.default_source == "PubMed");
  CHECK(r.records[1].provenance.line == 20);
  CHECK(r.records[2].provenance.line == 22);
  CHECK(r.records[2].title == "Third");
}

TEST_CASE("endnote tagged: text outside a record", "[endnote_tagged]")
{
  std::string text = "%0 Book\n%T One\n\nstray text\n\n%0 Book\n%T Two\n";
  CHECK_THROWS_WITH(read_enw_text(text), "t.enw:4: text outside a record: 'stray text'");
  auto r = read_enw_text(text, true);
  REQUIRE(r.records.size() == 2);
  REQUIRE(r.skipped.size() == 1);
  CHECK(r.skipped[0].line == 4);
}
