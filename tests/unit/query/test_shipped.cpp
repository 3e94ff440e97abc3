// Every query file shipped in queries/ parses, and the medline one says what DESIGN.md says.
#include "synth/query/query.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

using namespace synth::query;

namespace {

// The repository root (tests/CMakeLists.txt defines it; __FILE__ may be relative under ccache).
std::filesystem::path source_root() { return std::filesystem::path(SYNTH_SOURCE_DIR); }

} // namespace

TEST_CASE("every shipped query file parses", "[query]")
{
  auto dir = source_root() / "queries";
  REQUIRE(std::filesystem::is_directory(dir));
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".query") {
      continue;
    }
    INFO(entry.path().string());
    auto q = parse_query_file(entry.path());
    CHECK_FALSE(q.database.empty());
    CHECK(q.date_from == "1990-01-01");
    CHECK(q.date_to == "2013-11-30");
    CHECK(q.language == "english");
    if (q.syntax == Syntax::pubmed) {
      CHECK(q.lines.size() == 4);
    } else {
      // a hand-run platform's own syntax, kept verbatim: four numbered searches, no error
      CHECK(std::count(q.strategy.begin(), q.strategy.end(), '\n') + 1 == 4);
      CHECK_FALSE(has_errors(q));
    }
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  // the seven databases of the 2015 paper, plus Crossref
  CHECK(names
        == std::vector<std::string>{"cinahl.query", "crossref.query", "medline.query", "psycarticles.query",
                                    "psycinfo.query", "social-services-abstracts.query", "sociological-abstracts.query",
                                    "ssci.query"});
}

TEST_CASE("the 2015 review's hand-run files are in their platforms' own syntax", "[query]")
{
  auto dir = source_root() / "queries";
  CHECK(parse_query_file(dir / "cinahl.query").syntax == Syntax::ebsco);
  CHECK(parse_query_file(dir / "ssci.query").syntax == Syntax::wos);
  CHECK(parse_query_file(dir / "sociological-abstracts.query").syntax == Syntax::proquest);
  CHECK(parse_query_file(dir / "social-services-abstracts.query").syntax == Syntax::proquest);
  auto cinahl = parse_query_file(dir / "cinahl.query");
  CHECK(cinahl.strategy.rfind("S1 TI ( \"mental illness\" ) OR AB ( \"mental illness\" ) OR TI ( psychiatry )", 0)
        == 0);
}

TEST_CASE("queries/medline.query is the DESIGN.md strategy and goes to PubMed", "[query]")
{
  auto q = parse_query_file(source_root() / "queries" / "medline.query");
  CHECK(engine(q) == Engine::pubmed);
  CHECK(q.header.at("x-searched") == "2013-11");
  CHECK(to_pubmed(q)
        == "((\"mental illness\"[tiab] OR psychiatry[tiab] OR \"mental health services\"[tiab]) AND "
           "(\"helping relation*\"[tiab] OR \"helping alliance\"[tiab] OR \"working alliance\"[tiab] OR "
           "\"therapeutic alliance\"[tiab] OR \"client relation*\"[tiab] OR \"professional relation*\"[tiab] OR "
           "\"working relation*\"[tiab]) AND (qualitative[tiab] OR \"grounded theory\"[tiab] OR "
           "interview*[tiab] OR experience*[tiab])) AND english[la] AND "
           "(\"1990/01/01\"[dp] : \"2013/11/30\"[dp])");
  auto crossref = parse_query_file(source_root() / "queries" / "crossref.query");
  CHECK(engine(crossref) == Engine::crossref);
  CHECK(render(*crossref.expression) == render(*q.expression));
}
