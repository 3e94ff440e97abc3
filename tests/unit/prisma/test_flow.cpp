#include "synth/core/error.hpp"
#include "synth/prisma/flow.hpp"

#include <catch2/catch.hpp>

using namespace synth::prisma;

namespace {

Flow consistent()
{
  Flow f;
  f.database_results = 5587;
  f.database_specific_results = {{"Medline", 3000}, {"CINAHL", 2587}};
  f.duplicates = 10;
  f.excluded_automatic = 7;
  f.records_screened = 5570;
  f.records_excluded = 5514;
  f.title_excluded = 5428;
  f.abstract_screened = 142;
  f.abstract_excluded = 86;
  f.dbr_sought_reports = 56;
  f.dbr_notretrieved_reports = 2;
  f.dbr_assessed = 54;
  f.dbr_excluded = {{"Not the population of interest", 20}, {"Insufficient focus", 13}};
  f.citations_results = 4;
  f.other_sought_reports = 4;
  f.other_assessed = 4;
  f.other_excluded = {{"Not qualitative", 3}};
  f.new_studies = 21;
  f.new_reports = 22;
  return f;
}

} // namespace

TEST_CASE("a consistent flow passes every check", "[prisma][flow]")
{
  CHECK(check_flow(consistent()).empty());
  CHECK(check_flow(Flow{}).empty());
  CHECK_NOTHROW(require_consistent(consistent(), "flow.csv"));
}

TEST_CASE("each check names the boxes that disagree", "[prisma][flow]")
{
  auto f = consistent();
  SECTION("records screened")
  {
    f.records_screened = 5587;
    f.abstract_screened = 159;
    auto problems = check_flow(f);
    REQUIRE_FALSE(problems.empty());
    CHECK(problems[0]
          == "records_screened (5,587) != database_results (5,587) - duplicates (10) - excluded_automatic (7) = 5,570");
  }
  SECTION("per-database counts")
  {
    f.database_specific_results[1].n = 2500;
    CHECK(check_flow(f)
          == std::vector<std::string>{"database_results (5,587) != database_specific_results (5,500) = 5,500"});
  }
  SECTION("title and abstract steps")
  {
    f.abstract_excluded = 80;
    CHECK(check_flow(f)
          == std::vector<std::string>{
            "records_excluded (5,514) != title_excluded (5,428) + abstract_excluded (80) = 5,508"});
  }
  SECTION("reports sought, assessed and included")
  {
    f.dbr_assessed = 50;
    auto problems = check_flow(f);
    REQUIRE(problems.size() == 2);
    CHECK(problems[0] == "dbr_assessed (50) != dbr_sought_reports (56) - dbr_notretrieved_reports (2) = 54");
    CHECK(problems[1]
          == "new_reports (22) != dbr_assessed (50) - dbr_excluded (33) + other_assessed (4) "
             "- other_excluded (3) = 18");
  }
  SECTION("new_studies is checked when new_reports is not given")
  {
    f.new_reports = 0;
    CHECK(check_flow(f)
          == std::vector<std::string>{"new_studies (21) != dbr_assessed (54) - dbr_excluded (33) + other_assessed (4) "
                                      "- other_excluded (3) = 22"});
  }
  SECTION("more studies than reports")
  {
    f.new_studies = 23;
    CHECK(check_flow(f) == std::vector<std::string>{"new_studies (23) > new_reports (22)"});
  }
  SECTION("require_consistent throws one line per problem, each naming the file")
  {
    f.duplicates = 0;
    f.dbr_notretrieved_reports = 0;
    try {
      require_consistent(f, "flow.csv");
      FAIL("no error");
    } catch (const synth::Error& e) {
      CHECK(std::string(e.what())
            == "flow.csv: records_screened (5,570) != database_results (5,587) - excluded_automatic (7) = 5,580\n"
               "flow.csv: dbr_assessed (54) != dbr_sought_reports (56) = 56");
    }
  }
}

TEST_CASE("key table", "[prisma][flow]")
{
  Flow f;
  set_value(f, "duplicates", 12);
  set_value(f, "title_excluded", 3);
  CHECK(f.duplicates == 12);
  CHECK(f.title_excluded == 3);
  CHECK(value_of(f, "abstract_excluded") == std::nullopt);
  f.dbr_excluded = {{"a", 2}, {"b", 5}};
  CHECK(value_of(f, "dbr_excluded") == 7);
  CHECK(list_of(f, "duplicates") == nullptr);
  CHECK(find_key("nonsense") == nullptr);
  CHECK(thousands(0) == "0");
  CHECK(thousands(999) == "999");
  CHECK(thousands(1000) == "1,000");
  CHECK(thousands(1234567) == "1,234,567");
  CHECK(thousands(-5587) == "-5,587");
}
