#include "support.hpp"

#include "synth/core/error.hpp"
#include "synth/formats/crossref_json.hpp"
#include "synth/util/input.hpp"

#include <catch2/catch.hpp>

using namespace synth;
using namespace synth::formats;

namespace {

std::vector<Record> read(std::string_view text, bool lenient = false)
{
  ReadContext ctx("answer.json", lenient);
  std::vector<Record> out;
  read_crossref_json(text, ctx, [&](Record&& r) { out.push_back(std::move(r)); });
  return out;
}

std::string fixture_text(const std::string& rel) { return util::read_file(test::fixture(rel)); }

} // namespace

TEST_CASE("a single /works/{doi} answer: every field")
{
  SYNTH_REQUIRE_FIXTURES();
  auto recs = read(fixture_text("crossref/habanero_bodies/test-workscontainer/test_workscontainer_with_one_id.json"));
  REQUIRE(recs.size() == 1);
  const auto& r = recs[0];
  CHECK(r.source == "Crossref");
  CHECK(r.doi == "10.1371/journal.pone.0033693");
  CHECK(r.source_id == r.doi);
  CHECK(
    r.title
    == "Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia in the Basal Ganglia of Mice");
  REQUIRE(r.authors.size() == 6);
  CHECK(r.authors[0] == Author{"Sadasivan", "Shankar"});
  CHECK(r.authors[5] == Author{"Smeyne", "Richard J."});
  CHECK(r.year == 2012);
  CHECK(r.date == "2012-03-21");
  CHECK(r.journal == "PLoS ONE");
  CHECK(r.issn == "1932-6203");
  CHECK(r.volume == "7");
  CHECK(r.issue == "3");
  CHECK(r.pages == "e33693");
  CHECK(r.language == "eng");
  CHECK(r.publication_types == std::vector<std::string>{"journal-article"});
  CHECK(r.url == "https://doi.org/10.1371/journal.pone.0033693");
  CHECK(r.raw.find("\"DOI\":\"10.1371/journal.pone.0033693\"") != std::string::npos);
}

TEST_CASE("a /works list: items in order, JATS stripped, a missing language stays unknown")
{
  SYNTH_REQUIRE_FIXTURES();
  auto recs = read(fixture_text("crossref/habanero_bodies/test-cursor/test_cursor_max__0.json"));
  REQUIRE(recs.size() == 20);
  CHECK(recs[0].doi == "10.1007/978-1-4302-0197-7_9");
  CHECK(recs[0].language == "eng");
  CHECK(recs[5].doi == "10.1109/afrcon.2009.5308146");
  CHECK(recs[5].language.empty());
  CHECK(recs[19].doi == "10.59350/7mtwq-q3661");
  CHECK(
    recs[19].abstract
    == "In addition to this Swing-based screenshot of JChemPaint , here's a SWT widget in action (lower right corner):");
  CHECK(recs[19].provenance.index == 20);
}

TEST_CASE("JATS abstract title, date fallbacks, organisations as authors")
{
  auto recs = read(R"({"message":{"items":[{"DOI":"10.1/ABC","title":["A <i>b</i> c"],
    "abstract":"<jats:title>Abstract</jats:title><jats:p>First &amp; second.</jats:p>",
    "author":[{"name":"WHO Collaboration"}],"published-online":{"date-parts":[[2001,5]]},
    "issued":{"date-parts":[[null]]}}]}})");
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].doi == "10.1/abc");
  CHECK(recs[0].title == "A b c");
  CHECK(recs[0].abstract == "First & second.");
  CHECK(recs[0].authors == std::vector<Author>{{"WHO Collaboration", ""}});
  CHECK(recs[0].date == "2001-05");
  CHECK(recs[0].year == 2001);
}

TEST_CASE("malformed JSON names the line: a work without DOI is a bad record")
{
  CHECK_THROWS_WITH(read("{\"message\":\n{\"items\": [\n{\"DOI\": }]}}"),
                    Catch::StartsWith("answer.json:3:9: malformed JSON: "));
  CHECK_THROWS_WITH(read(R"({"status":"ok"})"), "answer.json:1: not a Crossref works answer (no message.items or DOI)");
  CHECK_THROWS_WITH(read(R"({"message":{"items":[{"title":["x"]}]}})"), Catch::Contains("work 1 has no DOI"));
  auto lenient = read(R"({"message":{"items":[{"title":["x"]},{"DOI":"10.2/y"}]}})", true);
  REQUIRE(lenient.size() == 1);
  CHECK(lenient[0].doi == "10.2/y");
}

TEST_CASE("a number too large for a double, deep nesting and invalid UTF-8 are located errors, never a crash")
{
  // Found by the fuzz smoke: nlohmann-json throws out_of_range (not a parse_error) here.
  CHECK_THROWS_AS(read("{\"message\":{\"items\":[\n{\"DOI\":\"10.1/x\",\n \"timestamp\":164e9035733925}]}}"), Error);
  CHECK_THROWS_WITH(read("{\"message\":{\"items\":[\n{\"DOI\":\"10.1/x\",\n \"timestamp\":164e9035733925}]}}"),
                    "answer.json:3:14: malformed JSON: number overflow parsing '164e9035733925'");
  CHECK_THROWS_WITH(read(std::string(5000, '[')),
                    "answer.json:1:1001: malformed JSON: arrays and objects nested more than 1000 deep");
  CHECK_THROWS_WITH(read("[{\"DOI\":\"10.1/x\",\"title\":[\"caf\xE9\"]}]"),
                    Catch::StartsWith("answer.json:1:32: malformed JSON: syntax error while parsing value - "
                                      "invalid string: ill-formed UTF-8 byte"));
}
