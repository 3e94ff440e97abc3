// A published review that names its databases but reports only the total across them: the
// databases are listed without counts ("Medline, NA"), in every output, and the arithmetic
// does not pretend to know their sum.
#include "synth/core/error.hpp"
#include "synth/prisma/csv.hpp"
#include "synth/prisma/render.hpp"
#include "synth/prisma/svg.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace synth::prisma;

namespace {

const char* k_counts = "data,n\n"
                       "database_results,5587\n"
                       "database_specific_results,\"Medline, NA; CINAHL, NA; Sociological Abstracts, NA\"\n"
                       "records_screened,5587\n"
                       "records_excluded,5531\n"
                       "dbr_sought_reports,56\n"
                       "dbr_assessed,56\n"
                       "dbr_excluded,\"Not the population of interest, 35\"\n"
                       "new_studies,21\n";

} // namespace

TEST_CASE("databases without counts: read, checked, written back", "[prisma][csv][unknown]")
{
  auto f = parse_counts_csv(k_counts, "flow.csv");
  REQUIRE(f.database_specific_results.size() == 3);
  CHECK(f.database_specific_results[0] == Count{"Medline", std::nullopt});
  CHECK_FALSE(all_known(f.database_specific_results));
  CHECK(check_flow(f).empty()); // no claim that the unknown counts add up to 5,587
  auto csv = write_counts_csv(f);
  CHECK(csv.find("\"Medline, NA; CINAHL, NA; Sociological Abstracts, NA\"") != std::string::npos);
  CHECK(parse_counts_csv(csv, "out.csv") == f);
  // When every count is known, they must add up to the total.
  f.database_specific_results = {{"Medline", 5000}, {"CINAHL", 500}, {"Sociological Abstracts", 80}};
  auto problems = check_flow(f);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("database_results (5,587) != database_specific_results (5,580)") != std::string::npos);
}

TEST_CASE("a count is unknown only where a review may lack it", "[prisma][csv][unknown]")
{
  CHECK_THROWS_AS(parse_count_list("Not qualitative, NA", "flow.csv: dbr_excluded"), synth::Error);
  CHECK(parse_count_list("Medline, NA", "x", true) == std::vector<Count>{{"Medline", std::nullopt}});
  CHECK(parse_count_list("NA", "x", true).empty());
  std::string bad = "data,n\ndbr_excluded,\"Not qualitative, NA\"\n";
  CHECK_THROWS_AS(parse_counts_csv(bad, "flow.csv"), synth::Error);
}

TEST_CASE("databases without counts in json, text and the diagram", "[prisma][render][unknown]")
{
  auto f = parse_counts_csv(k_counts, "flow.csv");
  auto doc = to_json(f);
  CHECK(doc["database_specific_results"][0]["label"] == "Medline");
  CHECK(doc["database_specific_results"][0]["n"].is_null());
  CHECK(from_json(doc, "flow.json") == f);
  // An expectation with a count where the flow has none differs.
  auto expected = f;
  expected.database_specific_results[0].n = 4000;
  auto diff = compare(expected, f);
  REQUIRE(diff.size() == 1);
  CHECK(diff[0].actual == "Medline, NA; CINAHL, NA; Sociological Abstracts, NA");

  auto text = render_text(f);
  CHECK(text.find("\n    Medline\n") != std::string::npos);
  CHECK(text.find("Records identified from databases") != std::string::npos);

  auto layout = layout_diagram(f);
  const SvgBox* identified = nullptr;
  for (const auto& b : layout.boxes) {
    if (b.id == "database_results") {
      identified = &b;
    }
  }
  REQUIRE(identified != nullptr);
  bool medline = false;
  for (const auto& l : identified->lines) {
    medline = medline || l.text == "Medline";
  }
  CHECK(medline);
}
