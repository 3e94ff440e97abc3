#include "records.hpp"

#include "synth/core/error.hpp"
#include "synth/dedup/review.hpp"

#include <catch2/catch.hpp>

using namespace synth;
using namespace synth::dedup;

TEST_CASE("a review file round-trips its decisions", "[dedup]")
{
  std::vector<Record> recs = {test::article(1, "Peer support, a \"review\"", "Davidson", 2012),
                              test::article(2, "Peer support", "Davidson", 2013)};
  auto text = render_review({ReviewRow{1, 2, "", 0.8, "fields: title 0.90, year within one"}}, recs);
  CHECK(text.substr(0, text.find('\n'))
        == "pair_id,decision,score,evidence,a_id,a_source,a_title,a_authors,a_year,a_journal,"
           "a_volume,a_pages,a_doi,b_id,b_source,b_title,b_authors,b_year,b_journal,b_volume,"
           "b_pages,b_doi");
  CHECK(
    text.find(
      "1-2,,0.800,\"fields: title 0.90, year within one\",1,test,\"Peer support, a \"\"review\"\"\",Davidson A,2012")
    != std::string::npos);
  auto rows = parse_review(text, "review.csv");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].a == 1);
  CHECK(rows[0].b == 2);
  CHECK(rows[0].decision.empty());
  CHECK(decisions_of(rows).empty());

  auto filled = parse_review("pair_id,decision\n2-1, Same \n3-4,different\n5-6,\n", "r.csv");
  auto d = decisions_of(filled);
  REQUIRE(d.size() == 2);
  CHECK(d[0].a == 1);
  CHECK(d[0].b == 2);
  CHECK(d[0].same);
  CHECK_FALSE(d[1].same);
}

TEST_CASE("bad review rows name file and line", "[dedup]")
{
  CHECK_THROWS_WITH(parse_review("pair_id,decision\n1-2,same\n3-4,maybe\n", "review.csv"),
                    "review.csv:3: decision must be same, different or empty (got 'maybe')");
  CHECK_THROWS_WITH(parse_review("pair_id,decision\n12,same\n", "review.csv"),
                    "review.csv:2: bad pair_id '12' (expected two record ids like 12-40)");
  CHECK_THROWS_WITH(parse_review("id,choice\n1-2,same\n", "review.csv"),
                    "review.csv:1: review file needs the columns pair_id and decision");
  CHECK_THROWS_WITH(parse_review("", "review.csv"), "review.csv:1: review file is empty");
  CHECK_THROWS_WITH(parse_review("pair_id,decision\n1-2,same\n3-4,\n2-1,different\n", "review.csv"),
                    "review.csv:4: pair 1-2 is decided 'different' here and 'same' at line 2");
  // The same decision twice, or an undecided row beside a decided one, is no contradiction.
  CHECK(parse_review("pair_id,decision\n1-2,same\n2-1,SAME\n1-2,\n", "review.csv").size() == 3);
}
