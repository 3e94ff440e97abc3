#include "support.hpp"

#include "synth/core/error.hpp"
#include "synth/sources/pubmed.hpp"
#include "synth/util/input.hpp"

#include <catch2/catch.hpp>

using namespace synth;

TEST_CASE("esearch answers: Count and IdList of real E-utilities answers")
{
  SYNTH_REQUIRE_FIXTURES();
  std::int64_t count = -1;
  std::vector<std::string> ids;
  sources::parse_esearch(util::read_file(test::fixture("pubmed/biopython/esearch2_webenv.xml")), "a", count, &ids);
  CHECK(count == 42249);
  REQUIRE(ids.size() == 100);

  ids.clear();
  sources::parse_esearch(util::read_file(test::fixture("pubmed/biopython/esearch1.xml")), "b", count, &ids);
  CHECK(count == 63);
  CHECK(ids.size() == 20);

  ids.clear();
  sources::parse_esearch(util::read_file(test::fixture("pubmed/biopython/esearch8_phrase_not_found.xml")), "c", count,
                         &ids);
  CHECK(count == 0);
  CHECK(ids.empty());
}

TEST_CASE("esearch errors name the answer")
{
  std::int64_t count = 0;
  CHECK_THROWS_WITH(sources::parse_esearch("<eSearchResult><ERROR>Invalid query</ERROR></eSearchResult>",
                                           "cache/x.body", count, nullptr),
                    "cache/x.body: PubMed answered: Invalid query");
  CHECK_THROWS_WITH(sources::parse_esearch("<eSearchResult><Count>12", "cache/y.body", count, nullptr),
                    Catch::StartsWith("cache/y.body: not an esearch answer: "));
  CHECK_THROWS_WITH(sources::parse_esearch("{\"error\":\"API rate limit exceeded\"}", "z", count, nullptr),
                    Catch::StartsWith("z: not an esearch answer"));
}

TEST_CASE("esearch notes: PubMed's translation, errors and warnings are kept")
{
  SYNTH_REQUIRE_FIXTURES();
  auto answer =
    sources::parse_esearch(util::read_file(test::fixture("pubmed/biopython/esearch8_phrase_not_found.xml")), "c");
  CHECK(answer.count == 0);
  CHECK(answer.translation == "(abcXYZ[All Fields])");
  CHECK(answer.messages == std::vector<std::string>{"phrase not found: abcXYZ", "output message: No items found."});
  answer = sources::parse_esearch(util::read_file(test::fixture("pubmed/biopython/esearch2_webenv.xml")), "a");
  CHECK(answer.messages.empty());
  CHECK(answer.ids.size() == 100);
}
