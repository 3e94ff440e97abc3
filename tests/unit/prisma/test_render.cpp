#include "ljungberg.hpp"
#include "synth/core/error.hpp"
#include "synth/prisma/render.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace synth::prisma;

namespace {

using synth::test::ljungberg;

std::vector<std::string> lines_of(const std::string& text)
{
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    out.push_back(line);
  }
  return out;
}

} // namespace

TEST_CASE("json has the flat PRISMA2020 keys and lists", "[prisma][render]")
{
  auto doc = to_json(ljungberg());
  CHECK(doc["database_results"] == 5587);
  CHECK(doc["records_screened"] == 5587);
  CHECK(doc["records_excluded"] == 5531);
  CHECK(doc["title_excluded"] == 5445);
  CHECK(doc["abstract_excluded"] == 86);
  CHECK(doc["dbr_sought_reports"] == 56);
  CHECK(doc["dbr_assessed"] == 56);
  CHECK(doc["dbr_excluded_total"] == 35);
  REQUIRE(doc["dbr_excluded"].size() == 2);
  CHECK(doc["dbr_excluded"][0] == nlohmann::json{{"label", "Not the population of interest"}, {"n", 20}});
  CHECK(doc["database_specific_results"] == nlohmann::json::array());
  CHECK(doc["new_studies"] == 21);
  CHECK(doc["register_results"] == 0);
  CHECK(doc["records_pending"] == 0);

  SECTION("without separate title/abstract screening the step keys are absent")
  {
    Flow f;
    CHECK_FALSE(to_json(f).contains("title_excluded"));
  }
  SECTION("round trip") { CHECK(from_json(doc, "x.json") == ljungberg()); }
  SECTION("lists may be objects or a total; unknown keys are refused")
  {
    auto f =
      from_json(nlohmann::json{{"dbr_excluded", {{"Wrong population", 3}}}, {"database_results", "1,200"}}, "e.json");
    CHECK(f.dbr_excluded == std::vector<Count>{{"Wrong population", 3}});
    CHECK(f.database_results == 1200);
    CHECK_THROWS_WITH(from_json(nlohmann::json{{"records_screen", 3}}, "e.json"),
                      "e.json: unknown key 'records_screen'");
    CHECK_THROWS_WITH(from_json(nlohmann::json{{"duplicates", true}}, "e.json"),
                      "e.json: duplicates: expected a count, got true");
  }
}

TEST_CASE("compare lists the boxes that differ", "[prisma][render]")
{
  auto expected = ljungberg();
  auto actual = ljungberg();
  CHECK(compare(expected, actual).empty());
  actual.records_excluded = 5530;
  actual.dbr_excluded[1].n = 14;
  auto d = compare(expected, actual);
  REQUIRE(d.size() == 2);
  CHECK(d[0].key == "records_excluded");
  CHECK(d[1].key == "dbr_excluded");
  CHECK(format_differences(d)
        == "records_excluded: expected 5,531, got 5,530\n"
           "dbr_excluded: expected Not the population of interest, 20; Insufficient focus on the subject, 15, got "
           "Not the population of interest, 20; Insufficient focus on the subject, 14\n");

  SECTION("reason order does not matter; a total compares by sum")
  {
    auto reordered = ljungberg();
    std::swap(reordered.dbr_excluded[0], reordered.dbr_excluded[1]);
    CHECK(compare(expected, reordered).empty());
    Flow total = ljungberg();
    total.dbr_excluded = {{"Total", 35}};
    CHECK(compare(total, ljungberg()).empty());
  }
  SECTION("only the keys an expectation names are compared")
  {
    std::vector<std::string> only = {"records_screened", "new_studies"};
    Flow partial;
    partial.records_screened = 5587;
    partial.new_studies = 21;
    CHECK(compare(partial, ljungberg(), &only).empty());
    partial.new_studies = 20;
    auto diff = compare(partial, ljungberg(), &only);
    REQUIRE(diff.size() == 1);
    CHECK(diff[0].key == "new_studies");
    CHECK(compare(partial, ljungberg()).size() > 1);
  }
  SECTION("an expected flow without title/abstract steps does not claim them")
  {
    auto e = ljungberg();
    e.title_excluded.reset();
    e.abstract_screened.reset();
    e.abstract_excluded.reset();
    CHECK(compare(e, ljungberg()).empty());
  }
}

TEST_CASE("text output is aligned", "[prisma][render]")
{
  auto text = render_text(ljungberg());
  auto lines = lines_of(text);
  // Every line with a number ends in the same column, numbers with thousands separators.
  std::size_t width = 0;
  int numbered = 0;
  for (const auto& line : lines) {
    if (!line.empty() && std::isdigit(static_cast<unsigned char>(line.back()))) {
      if (width == 0) {
        width = line.size();
      }
      CHECK(line.size() == width);
      ++numbered;
    }
  }
  CHECK(numbered >= 14);
  CHECK(text.find("  Records identified from databases") != std::string::npos);
  auto has_line = [&](const std::string& label, const std::string& number) {
    for (const auto& line : lines) {
      if (line.find(label) != std::string::npos && line.size() >= number.size()
          && line.compare(line.size() - number.size(), number.size(), number) == 0
          && line[line.size() - number.size() - 1] == ' ') {
        return true;
      }
    }
    return false;
  };
  CHECK(has_line("Records identified from databases", "5,587"));
  CHECK(has_line("Records excluded", "5,531"));
  CHECK(has_line("on title", "5,445"));
  CHECK(has_line("on abstract", "86"));
  CHECK(has_line("Not the population of interest", "20"));
  CHECK(has_line("Reports excluded", "35"));
  CHECK(has_line("New studies included in review", "21"));
  CHECK(text.find("other methods") == std::string::npos);
}
