#include "synth/core/error.hpp"
#include "synth/sources/pubmed.hpp"

#include "support.hpp"
#include "support_net.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <unistd.h>

using namespace synth;
using namespace synth::net;

namespace {

// A fake E-utilities: PMID -> "YYYY/MM/DD". esearch intersects the [dp] ranges of the term
// and returns at most `max_ids` ids; efetch returns minimal PubmedArticles.
class FakeEutils : public synth::test::FakeTransport
{
public:
  std::map<std::string, std::string> dates;
  int max_ids = 4;

protected:
  Attempt answer(const Request& request) override
  {
    auto p = synth::test::params_of(request);
    Attempt a;
    a.response.status = 200;
    if (request.url.ends_with("esearch.fcgi")) {
      static const std::regex range(R"re("(\d{4}/\d\d/\d\d)"\[dp\] : "(\d{4}/\d\d/\d\d)"\[dp\])re");
      std::vector<std::string> ids;
      for (const auto& [pmid, date] : dates) {
        bool in = true;
        const std::string& term = p["term"];
        for (std::sregex_iterator it(term.begin(), term.end(), range), end; it != end; ++it) {
          in = in && (*it)[1].str() <= date && date <= (*it)[2].str();
        }
        if (in) {
          ids.push_back(pmid);
        }
      }
      std::string list;
      for (std::size_t i = 0; i < ids.size() && static_cast<int>(i) < max_ids; ++i) {
        list += "<Id>" + ids[i] + "</Id>";
      }
      a.response.body =
        fmt::format("<eSearchResult><Count>{}</Count><IdList>{}</IdList></eSearchResult>", ids.size(), list);
    } else {
      std::string body = "<PubmedArticleSet>";
      std::string idlist = p["id"];
      std::size_t start = 0;
      while (start <= idlist.size()) {
        auto comma = idlist.find(',', start);
        auto id = idlist.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        body +=
          fmt::format("<PubmedArticle><MedlineCitation><PMID Version=\"1\">{}</PMID><Article><ArticleTitle>Title {}"
                      "</ArticleTitle></Article></MedlineCitation></PubmedArticle>",
                      id, id);
        if (comma == std::string::npos) {
          break;
        }
        start = comma + 1;
      }
      a.response.body = body + "</PubmedArticleSet>";
    }
    return a;
  }
};

struct Env
{
  synth::test::TempDir dir{"synth-sources-test"};
  FakeEutils eutils;
  FakeClock clock;
  HttpOptions options;
  HttpClient client{options, eutils, clock};
  RateLimiter limiter{3, std::chrono::milliseconds(1000), clock};
  ResponseCache cache;
  Fetcher fetcher;
  Env() : cache(dir.path()), fetcher(cache, &client, CacheMode::normal) {}
};

} // namespace

TEST_CASE("more hits than a result set holds: sliced by year, month and day until each fits")
{
  Env env;
  // 30 records of 2010 (on 15 days of March and 15 other days), 5 of 2011, 1 of 1999.
  int n = 0;
  for (int d = 1; d <= 15; ++d) {
    env.eutils.dates[fmt::format("{}", 1000 + n++)] = fmt::format("2010/03/{:02d}", d);
    env.eutils.dates[fmt::format("{}", 1000 + n++)] = fmt::format("2010/{:02d}/{:02d}", 1 + d % 12, 10 + d);
  }
  for (int d = 1; d <= 5; ++d) {
    env.eutils.dates[fmt::format("{}", 1000 + n++)] = fmt::format("2011/06/{:02d}", d);
  }
  env.eutils.dates["999"] = "1999/12/31";
  sources::PubMedOptions po;
  po.base_url = "http://eutils/";
  po.max_ids = 4;
  po.limiter = &env.limiter;
  sources::PubMed pubmed(env.fetcher, po);
  auto rs = pubmed.search("knee[tiab]", "1990", "2013-11-30");
  CHECK(rs.count == 36);
  std::set<std::string> got(rs.ids.begin(), rs.ids.end());
  CHECK(got.size() == rs.ids.size());
  CHECK(got.size() == 36);
  CHECK(rs.warning.empty());
  CHECK(rs.slices > 10);
  // Every slice is the term ANDed with one explicit range within the header window.
  for (std::size_t i = 1; i < env.eutils.seen.size(); ++i) {
    auto term = synth::test::params_of(env.eutils.seen[i])["term"];
    CHECK(term.starts_with("(knee[tiab]) AND (\""));
  }
  auto first = synth::test::params_of(env.eutils.seen[0]);
  CHECK(first["term"] == "knee[tiab]");
  CHECK(first["usehistory"] == "y");
  CHECK(first["tool"] == "synth");
}

TEST_CASE("efetch: POSTed batches of the configured size, every record once")
{
  Env env;
  for (int i = 0; i < 23; ++i) {
    env.eutils.dates[fmt::format("{}", 500 + i)] = "2005/01/01";
  }
  sources::PubMedOptions po;
  po.base_url = "http://eutils";
  po.batch_size = 10;
  po.api_key = "secret123";
  po.limiter = &env.limiter;
  sources::PubMed pubmed(env.fetcher, po);
  std::vector<std::string> ids;
  for (const auto& kv : env.eutils.dates) {
    ids.push_back(kv.first);
  }
  std::vector<std::string> got;
  std::vector<std::size_t> progress;
  pubmed.fetch(
    ids, [&](Record&& r) { got.push_back(r.source_id); },
    [&](std::size_t done, std::size_t) { progress.push_back(done); });
  CHECK(got == ids);
  CHECK(progress == std::vector<std::size_t>{10, 20, 23});
  REQUIRE(env.eutils.seen.size() == 3);
  for (const auto& r : env.eutils.seen) {
    CHECK(r.method == "POST");
    CHECK(r.url == "http://eutils/efetch.fcgi");
  }
  // A second fetch of the same ids replays the cache: no new request.
  got.clear();
  pubmed.fetch(ids, [&](Record&& r) { got.push_back(r.source_id); });
  CHECK(got == ids);
  CHECK(env.eutils.seen.size() == 3);
}

TEST_CASE("slicing does not ask again for the window whose count is known")
{
  Env env;
  // 9 records, 3 a year in 2001-2003; at most 4 ids per result set.
  for (int i = 0; i < 9; ++i) {
    env.eutils.dates[fmt::format("{}", 700 + i)] = fmt::format("{}/0{}/10", 2001 + i / 3, 1 + i % 3);
  }
  sources::PubMedOptions po;
  po.base_url = "http://eutils/";
  po.max_ids = 4;
  po.limiter = &env.limiter;
  sources::PubMed pubmed(env.fetcher, po);
  auto rs = pubmed.search("hip[tiab]", "2001", "2003");
  CHECK(rs.ids.size() == 9);
  CHECK(rs.warning.empty());
  // The unsliced search, then 2001, 2002-2003 (6: too many), 2002 and 2003: no request
  // for 2001-2003 as a whole, which the first answer already counted.
  std::vector<std::string> terms;
  for (const auto& r : env.eutils.seen) {
    terms.push_back(std::map<std::string, std::string>(r.params.begin(), r.params.end())["term"]);
  }
  CHECK(terms
        == std::vector<std::string>{
          "hip[tiab]",
          R"((hip[tiab]) AND ("2001/01/01"[dp] : "2001/12/31"[dp]))",
          R"((hip[tiab]) AND ("2002/01/01"[dp] : "2003/12/31"[dp]))",
          R"((hip[tiab]) AND ("2002/01/01"[dp] : "2002/12/31"[dp]))",
          R"((hip[tiab]) AND ("2003/01/01"[dp] : "2003/12/31"[dp]))",
        });
  CHECK(rs.slices == 5);
}

TEST_CASE("the union of the slices is checked against the total")
{
  Env env;
  for (int i = 0; i < 6; ++i) {
    env.eutils.dates[fmt::format("{}", 800 + i)] = fmt::format("2005/0{}/01", 1 + i);
  }
  env.eutils.dates["899"] = "1985/01/01"; // outside the header window the slices cover
  sources::PubMedOptions po;
  po.base_url = "http://eutils/";
  po.max_ids = 4;
  po.limiter = &env.limiter;
  sources::PubMed pubmed(env.fetcher, po);
  auto rs = pubmed.search("hip[tiab]", "1990", "2013");
  CHECK(rs.count == 7);
  CHECK(rs.ids.size() == 6);
  CHECK(rs.warning
        == fmt::format("the {} date slices gave 6 PMIDs, PubMed reported 7 hits", env.eutils.seen.size() - 1));
}

TEST_CASE("a long term is POSTed: PubMed's limit is 3 a second, 10 with an API key, shared by the process")
{
  Env env;
  env.eutils.dates["1"] = "2001/01/01";
  sources::PubMedOptions po;
  po.base_url = "http://eutils/";
  po.limiter = &env.limiter;
  sources::PubMed pubmed(env.fetcher, po);
  std::string term = "knee[tiab]";
  while (term.size() < 3000) {
    term += " OR knee[tiab]";
  }
  pubmed.count("short[tiab]");
  pubmed.count(term);
  REQUIRE(env.eutils.seen.size() == 2);
  CHECK(env.eutils.seen[0].method == "GET");
  CHECK(env.eutils.seen[1].method == "POST");

  sources::PubMedOptions anonymous;
  sources::PubMed a(env.fetcher, anonymous);
  sources::PubMed b(env.fetcher, anonymous);
  CHECK(&a.limiter() == &b.limiter());
  CHECK(a.limiter().limit() == 3);
  CHECK(a.limiter().interval() == std::chrono::milliseconds(1000));
  sources::PubMedOptions keyed;
  keyed.api_key = "secret123";
  sources::PubMed c(env.fetcher, keyed);
  CHECK(c.limiter().limit() == 10);
  CHECK(&c.limiter() != &a.limiter());
}

TEST_CASE("an open-ended date window ends with the year after today's, by the clock it is given")
{
  Env env;
  for (int i = 0; i < 9; ++i) {
    env.eutils.dates[fmt::format("{}", 700 + i)] = fmt::format("{}/0{}/10", 2001 + i / 3, 1 + i % 3);
  }
  // 2015-06-01T00:00:00Z
  synth::util::FixedWallClock june_2015{std::chrono::sys_days{std::chrono::year{2015} / 6 / 1}};
  sources::PubMedOptions po;
  po.base_url = "http://eutils/";
  po.max_ids = 4;
  po.limiter = &env.limiter;
  po.clock = &june_2015;
  sources::PubMed pubmed(env.fetcher, po);
  auto rs = pubmed.search("hip[tiab]", "2001", "");
  CHECK(rs.ids.size() == 9);
  REQUIRE(env.eutils.seen.size() > 1);
  bool reaches_2016 = false;
  for (std::size_t i = 1; i < env.eutils.seen.size(); ++i) {
    auto term = synth::test::params_of(env.eutils.seen[i])["term"];
    CHECK(term.find("2017/") == std::string::npos);
    reaches_2016 = reaches_2016 || term.find("\"2016/12/31\"[dp]") != std::string::npos;
  }
  CHECK(reaches_2016);
}
