#include "support.hpp"

#include "ljungberg.hpp"
#include "synth/core/error.hpp"
#include "synth/prisma/csv.hpp"
#include "synth/util/input.hpp"

#include <catch2/catch.hpp>

using namespace synth::prisma;

namespace {

using synth::test::ljungberg;

} // namespace

TEST_CASE("count lists: 'Reason, n' entries separated by semicolons", "[prisma][csv]")
{
  auto list = parse_count_list("Wrong population, 12; Not qualitative, 3;", "x");
  REQUIRE(list.size() == 2);
  CHECK(list[0] == Count{"Wrong population", 12});
  CHECK(list[1] == Count{"Not qualitative", 3});

  SECTION("a label may contain commas; the count follows the last one")
  {
    auto l = parse_count_list("Editorial, letter, or comment, 7", "x");
    REQUIRE(l.size() == 1);
    CHECK(l[0] == Count{"Editorial, letter, or comment", 7});
  }
  SECTION("a count may have thousands separators")
  {
    auto l = parse_count_list("Medline, 1,234; CINAHL, 567", "x");
    REQUIRE(l.size() == 2);
    CHECK(l[0] == Count{"Medline", 1234});
    CHECK(l[1] == Count{"CINAHL", 567});
  }
  SECTION("the template's placeholders and NA are no data")
  {
    CHECK(parse_count_list("Reason1, xxx; Reason2, xxx; Reason3, xxx", "x").empty());
    CHECK(parse_count_list("NA", "x").empty());
    CHECK(parse_count_list("", "x").empty());
  }
  SECTION("an entry without a count names the file and entry")
  {
    CHECK_THROWS_WITH(parse_count_list("Wrong population; Other, 2", "flow.csv:24: dbr_excluded"),
                      "flow.csv:24: dbr_excluded: 'Wrong population' has no count (write 'Label, n')");
    CHECK_THROWS_WITH(parse_count_list("Wrong population, many", "f"),
                      "f: 'Wrong population, many': 'many' is not a count");
  }
  SECTION("format is the inverse") { CHECK(format_count_list(list) == "Wrong population, 12; Not qualitative, 3"); }
}

TEST_CASE("csv splitting: quotes, doubled quotes, line breaks, BOM, CRLF", "[prisma][csv]")
{
  auto rows = split_csv("\xEF\xBB\xBF"
                        "a,b\r\n\"x, \"\"y\"\"\",\"two\nlines\"\r\nlast,\n",
                        "t.csv");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].fields == std::vector<std::string>{"a", "b"});
  CHECK(rows[1].fields == std::vector<std::string>{"x, \"y\"", "two\nlines"});
  CHECK(rows[2].line == 4);
  CHECK(rows[2].fields == std::vector<std::string>{"last", ""});
  CHECK_THROWS_WITH(split_csv("a,b\n\"open,c\n", "t.csv"), "t.csv:2: unterminated quoted field");
}

TEST_CASE("the PRISMA2020 template reads as an empty flow", "[prisma][csv]")
{
  SYNTH_REQUIRE_FIXTURES();
  auto flow = read_counts_csv(synth::test::fixture("screening/prisma/PRISMA2020_template.csv"));
  CHECK(flow == Flow{});
  CHECK(check_flow(flow).empty());
}

TEST_CASE("a filled template gives its counts", "[prisma][csv]")
{
  std::string text =
    "data,node,box,description,boxtext,tooltips,url,n\n"
    "NA,node6,newstud,Yellow title box,Identification,NA,newstud.html,0\n"
    "database_results,node7,box2,Records identified from: Databases,Databases,NA,x.html,\"5,587\"\n"
    "database_specific_results,NA,box2,d,Specific Databases,NA,x.html,\"Medline, 5000; CINAHL, 587\"\n"
    "records_screened,node9,box4,d,Records screened,NA,x.html,5587\n"
    "dbr_excluded,node14,box9,\"Reports excluded: [e.g. Reason1, xxx]\",b,t,u,\"Wrong population, 30; Wrong focus, 5\"\n"
    "identification,node1,identification,Blue identification box,Identification,NA,i.html,0\n"
    "new_studies,node15,box10,d,b,t,u,NA\n";
  auto flow = parse_counts_csv(text, "flow.csv");
  CHECK(flow.database_results == 5587);
  CHECK(flow.database_specific_results == std::vector<Count>{{"Medline", 5000}, {"CINAHL", 587}});
  CHECK(flow.records_screened == 5587);
  CHECK(flow.dbr_excluded == std::vector<Count>{{"Wrong population", 30}, {"Wrong focus", 5}});
  CHECK(flow.new_studies == 0);
  CHECK_FALSE(flow.title_excluded.has_value());

  SECTION("unknown keys and repeated keys name their line")
  {
    CHECK_THROWS_WITH(parse_counts_csv(text + "database_result,n,b,d,b,t,u,3\n", "flow.csv"),
                      "flow.csv:9: unknown data key 'database_result'");
    CHECK_THROWS_WITH(parse_counts_csv(text + "records_screened,n,b,d,b,t,u,3\n", "flow.csv"),
                      "flow.csv:9: data key 'records_screened' is given twice");
  }
  SECTION("a cell that is not a count names line and key")
  {
    CHECK_THROWS_WITH(parse_counts_csv("data,n\nduplicates,ten\n", "flow.csv"),
                      "flow.csv:2: duplicates: 'ten' is not a count");
  }
  SECTION("a file without the data and n columns is refused")
  {
    CHECK_THROWS_WITH(parse_counts_csv("key,value\nduplicates,3\n", "f.csv"),
                      "f.csv:1: not a PRISMA2020 CSV: the columns 'data' and 'n' are required");
  }
}

TEST_CASE("csv round trip keeps every key, the template's rows and synth's extra rows", "[prisma][csv]")
{
  auto flow = ljungberg();
  flow.database_specific_results = {{"Medline", 5000}, {"CINAHL, EBSCO", 587}};
  auto text = write_counts_csv(flow);
  CHECK(parse_counts_csv(text, "out.csv") == flow);
  CHECK(text.find("database_specific_results,NA,box2,Records identified from: specific databases,Specific Databases,NA,"
                  "database_results.html,\"Medline, 5000; CINAHL, EBSCO, 587\"\n")
        != std::string::npos);
  CHECK(text.find("\ntitle_excluded,NA,box5,") != std::string::npos);

  SECTION("same rows as the package's template, in its order, then synth's")
  {
    SYNTH_REQUIRE_FIXTURES();
    auto template_rows =
      split_csv(synth::util::read_file(synth::test::fixture("screening/prisma/PRISMA2020_template.csv")), "t");
    auto written = split_csv(text, "out.csv");
    REQUIRE(written.size() == template_rows.size() + 3);
    for (std::size_t i = 0; i < template_rows.size(); ++i) {
      auto expected = template_rows[i].fields;
      auto got = written[i].fields;
      REQUIRE(got.size() == 8);
      expected.pop_back();
      got.pop_back();
      CHECK(got == expected); // all columns but n
    }
  }
  SECTION("no extra row is found by the package's grep() on another key")
  {
    for (const auto& key :
         {"title_excluded", "abstract_screened", "abstract_excluded", "records_pending", "reports_pending"}) {
      for (const auto& info : flow_keys()) {
        if (info.kind != KeyKind::optional && info.key != "records_pending" && info.key != "reports_pending") {
          CHECK(std::string_view(key).find(info.key) == std::string_view::npos);
        }
      }
      for (const auto* phase : {"identification", "screening", "included"}) {
        CHECK(std::string_view(key).find(phase) == std::string_view::npos);
      }
    }
  }
}
