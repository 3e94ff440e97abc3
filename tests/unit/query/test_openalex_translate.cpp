#include "synth/core/error.hpp"
#include "synth/query/query_file.hpp"
#include "synth/query/translate.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace synth;
using namespace synth::query;

namespace {

OpenAlexQuery oa(const std::string& strategy, const std::string& header = "", std::size_t max = 3000)
{
  return to_openalex(parse_query_text("database: openalex\n" + header + "---\n" + strategy + "\n", "o.query"), max);
}

using V = std::vector<std::string>;

} // namespace

TEST_CASE("openalex: the strategy as a boolean search, NOT and other fields left out", "[query][openalex]")
{
  CHECK(engine(parse_query_text("database: OpenAlex\n---\na\n", "o")) == Engine::openalex);
  CHECK(oa("biodiversity AND finance").searches == V{"biodiversity AND finance"});
  // PubMed reads left to right: (a OR b) AND c, sent fully parenthesised
  CHECK(oa("a OR b AND c").searches == V{"(a OR b) AND c"});
  CHECK(oa("a AND (b OR c) NOT d").searches == V{"a AND (b OR c)"});
  CHECK(oa("\"mental illness\"[tiab] AND interview*[ti]").searches == V{"\"mental illness\" AND interview"});
  CHECK(oa("schizophrenia[mh] AND qualitative[tiab]").searches == V{"qualitative"});
  // a term OpenAlex cannot search, OR-ed: the search cannot narrow on that list
  CHECK(oa("(schizophrenia[mh] OR psychosis) AND qualitative").searches == V{"qualitative"});
  CHECK(oa("schizophrenia[mh] OR psychosis").searches.empty());
  CHECK(oa("#1 a OR b\n#2 c\n#3 #1 AND #2").searches == V{"(a OR b) AND c"});
}

TEST_CASE("openalex: header limits as filters", "[query][openalex]")
{
  auto q = oa("a", "date-from: 1990\ndate-to: 2013-02\nlanguage: english, french\nx-openalex-type: article\n");
  CHECK(q.filter == "from_publication_date:1990-01-01,to_publication_date:2013-02-28,language:en|fr,type:article");
  CHECK(oa("a", "date-to: 2012-02\n").filter == "to_publication_date:2012-02-29");
  CHECK(oa("a").filter.empty());
}

TEST_CASE("openalex: a long OR list is split, the parts covering every term once", "[query][openalex]")
{
  std::string list;
  V terms;
  for (int i = 0; i < 40; ++i) {
    terms.push_back("term" + std::to_string(i));
    list += (i ? " OR " : "") + terms.back();
  }
  auto whole = oa("anchor AND (" + list + ")").searches;
  REQUIRE(whole.size() == 1);
  auto parts = oa("anchor AND (" + list + ")", "", 100).searches;
  REQUIRE(parts.size() > 4);
  std::multiset<std::string> seen;
  for (const auto& p : parts) {
    CHECK(p.size() <= 100);
    CHECK(p.rfind("anchor AND ", 0) == 0);
    for (const auto& t : terms) {
      if (p.find(t + " ") != std::string::npos || p.find(t + ")") != std::string::npos
          || p.size() >= t.size() && p.compare(p.size() - t.size(), t.size(), t) == 0) {
        seen.insert(t);
      }
    }
  }
  for (const auto& t : terms) {
    CHECK(seen.count(t) == 1);
  }
  // one phrase longer than the limit cannot be split
  CHECK_THROWS_AS(oa("\"a very long phrase that does not fit\"", "", 20), Error);
}
