#include "support.hpp"
#include "vcr_bodies.hpp"

#include "synth/core/error.hpp"
#include "synth/core/normalise.hpp"
#include "synth/formats/openalex_json.hpp"
#include "synth/util/input.hpp"
#include "synth/util/text.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace synth;
using namespace synth::formats;

namespace {

std::vector<OpenAlexWork> read(std::string_view text, OpenAlexPage* page = nullptr)
{
  ReadContext ctx("answer.json", false);
  std::vector<OpenAlexWork> out;
  auto p = read_openalex_page(text, ctx, [&](OpenAlexWork&& w) { out.push_back(std::move(w)); });
  if (page) {
    *page = p;
  }
  return out;
}

std::vector<std::string> cassette(const std::string& name)
{
  return test::vcr_bodies(util::read_file(test::fixture("openalex/openalexpro_vcr/" + name)));
}

} // namespace

TEST_CASE("openalex: the abstract is rebuilt from its inverted index")
{
  auto inv = nlohmann::json::parse(R"({"the": [0, 3], "cat": [1], "saw": [2], "dog": [4], "x": [-1, 2000000]})");
  CHECK(rebuild_abstract(inv) == "the cat saw the dog");
  CHECK(rebuild_abstract(nlohmann::json()).empty());
  CHECK(openalex_work_id("https://openalex.org/W3045921891") == "W3045921891");
  CHECK(openalex_work_id("w12") == "W12");
  CHECK(openalex_work_id("https://openalex.org/A123").empty());
}

TEST_CASE("openalex: every work of a recorded answer, field by field")
{
  SYNTH_REQUIRE_FIXTURES();
  auto bodies = cassette("oa_snowball.yml");
  REQUIRE(bodies.size() == 6);
  int checked = 0;
  for (const auto& body : bodies) {
    auto doc = nlohmann::json::parse(body);
    OpenAlexPage page;
    auto works = read(body, &page);
    const auto& results = doc["results"];
    REQUIRE(works.size() == results.size());
    CHECK(page.count == doc["meta"]["count"].get<std::int64_t>());
    CHECK(page.next_cursor
          == (doc["meta"].value("next_cursor", nlohmann::json()).is_string()
                ? doc["meta"]["next_cursor"].get<std::string>()
                : std::string()));
    for (std::size_t i = 0; i < works.size(); ++i) {
      const auto& w = works[i];
      const auto& j = results[i];
      CHECK(w.record.source == "OpenAlex");
      CHECK("https://openalex.org/" + w.record.source_id == j["id"].get<std::string>());
      // markup (<i>, <sup>) removed, spaces collapsed
      CHECK(w.record.title
            == util::collapse_space(util::strip_markup(j["title"].is_string() ? j["title"].get<std::string>() : "")));
      CHECK(w.record.doi == (j["doi"].is_string() ? normalise_doi(j["doi"].get<std::string>()) : ""));
      CHECK(w.record.authors.size() <= j["authorships"].size());
      CHECK(w.referenced_works.size() == j["referenced_works"].size());
      std::size_t positions = 0;
      if (j["abstract_inverted_index"].is_object()) {
        for (const auto& [word, pos] : j["abstract_inverted_index"].items()) {
          positions += pos.size();
        }
      }
      // as many words as positions (words are single tokens)
      auto words = w.record.abstract.empty() ? 0 : util::split(w.record.abstract, ' ').size();
      CHECK(words <= positions);
      CHECK((positions == 0) == w.record.abstract.empty());
      if (j["publication_year"].is_number_integer()) {
        CHECK(w.record.year == j["publication_year"].get<int>());
      }
      ++checked;
    }
  }
  CHECK(checked > 40);
  // a seed of the chase: its references listed, and its first author split into family/given
  auto seeds = read(bodies[1]);
  REQUIRE(seeds.size() == 2);
  CHECK(!seeds[0].referenced_works.empty());
  CHECK(seeds[0].referenced_works_count == static_cast<std::int64_t>(seeds[0].referenced_works.size()));
  CHECK(!seeds[0].record.authors.empty());
}

TEST_CASE("openalex: the recorded 200-work search page")
{
  SYNTH_REQUIRE_FIXTURES();
  auto bodies = cassette("pro_fetch_search_biodiversity_AND_finance.yml");
  REQUIRE(bodies.size() == 1);
  OpenAlexPage page;
  auto works = read(bodies[0], &page);
  CHECK(works.size() == 200);
  CHECK(page.count == 429);
  CHECK(!page.next_cursor.empty());
  CHECK(works[0].record.source_id == "W4235089722");
  CHECK(works[0].record.doi == "10.1111/1468-2346.00131");
  CHECK(works[0].record.title == "Biodiversity Finance");
  CHECK(works[0].record.date == "2000-04-01");
  CHECK(works[0].record.journal == "International Affairs");
  CHECK(works[0].record.language == "eng");
}

TEST_CASE("openalex: bad answers are located errors")
{
  CHECK_THROWS_WITH(read("{\"results\": [}"), Catch::Contains("answer.json:1:"));
  CHECK_THROWS_WITH(read("{\"status\": \"ok\"}"), Catch::Contains("not an OpenAlex works answer"));
  CHECK_THROWS_WITH(read("{\"results\": [{\"title\": \"x\"}]}"), Catch::Contains("work 1 has no OpenAlex id"));
  ReadContext lenient("answer.json", true);
  int n = 0;
  read_openalex_page("{\"results\": [{\"title\": \"x\"}, {\"id\": \"https://openalex.org/W1\", \"title\": \"y\"}]}",
                     lenient, [&](OpenAlexWork&&) { ++n; });
  CHECK(n == 1);
  CHECK(lenient.skipped().size() == 1);
}

TEST_CASE("openalex: a page read work by work gives what the whole document gives")
{
  SYNTH_REQUIRE_FIXTURES();
  auto body = cassette("pro_fetch_search_biodiversity_AND_finance.yml").at(0);
  auto fast = read(body); // {"meta", "results"}: each work reduced to the keys read
  auto whole = read(nlohmann::json::parse(body)["results"].dump()); // a bare array: parsed whole
  REQUIRE(fast.size() == 200);
  REQUIRE(whole.size() == fast.size());
  for (std::size_t i = 0; i < fast.size(); ++i) {
    auto a = fast[i].record;
    auto b = whole[i].record;
    // raw: the work's own text in the page, or re-written from the document
    CHECK(nlohmann::json::parse(a.raw) == nlohmann::json::parse(b.raw));
    a.raw.clear();
    b.raw.clear();
    a.provenance = b.provenance = {};
    CHECK(a.title == b.title);
    CHECK(a.abstract == b.abstract);
    CHECK(a.authors == b.authors);
    CHECK(a.doi == b.doi);
    CHECK(a.journal == b.journal);
    CHECK(a.url == b.url);
    CHECK(a.keywords == b.keywords);
    CHECK(a.mesh == b.mesh);
    CHECK(a == b);
    CHECK(fast[i].referenced_works == whole[i].referenced_works);
  }
  // a page cut short is still an error with its place
  CHECK_THROWS_WITH(read(body.substr(0, body.size() / 2)), Catch::Contains("answer.json:"));
}
