#include "synth/core/error.hpp"
#include "synth/sources/crossref.hpp"

#include "support.hpp"
#include "support_net.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <unistd.h>

using namespace synth;
using namespace synth::net;

namespace {

// A fake /works that behaves as Crossref's scroll cursors: cursor=* starts the scroll,
// every request with an issued cursor moves it one page on (the cursor value stays the
// same, as in the recorded chains), a lost answer still moves it, and expire() makes
// the issued cursors unknown (404 cursor-invalid).
class FakeCrossref : public synth::test::FakeTransport
{
public:
  int works = 23;
  int generation = 0; // part of the cursor value; expire() starts a new one
  int pos = -1;
  int lose = -1; // the request number whose answer is lost (503) after moving on

  void expire() { ++generation; }

protected:
  Attempt answer(const Request& request) override
  {
    auto p = synth::test::params_of(request);
    int rows = std::stoi(p["rows"]);
    Attempt a;
    a.response.headers = {{"x-rate-limit-limit", "50"}, {"x-rate-limit-interval", "2s"}, {"x-concurrency-limit", "3"}};
    std::string cursor = fmt::format("scroll-{}", generation);
    if (p.count("cursor") == 0) {
      pos = -1;
    } else if (p["cursor"] == "*") {
      pos = 0;
    } else if (p["cursor"] == cursor) {
      ++pos;
    } else {
      a.response.status = 404;
      a.response.body =
        R"({"status":"failed","message-type":"resource-failure","message":[{"type":"cursor-invalid"}]})";
      return a;
    }
    nlohmann::json items = nlohmann::json::array();
    for (int i = pos * rows; pos >= 0 && rows > 0 && i < std::min(works, (pos + 1) * rows); ++i) {
      items.push_back({{"DOI", fmt::format("10.1000/w{}", i)}, {"title", {fmt::format("Widget {}", i)}}});
    }
    nlohmann::json msg{{"total-results", works}, {"items", items}, {"items-per-page", rows}};
    if (p.count("cursor")) {
      msg["next-cursor"] = cursor;
    }
    a.response.status = 200;
    a.response.body = nlohmann::json{{"status", "ok"}, {"message", msg}}.dump();
    if (static_cast<int>(seen.size()) == lose) {
      a.response.status = 503;
    }
    return a;
  }
};

struct Env
{
  synth::test::TempDir dir{"synth-sources-test"};
  FakeCrossref server;
  FakeClock clock;
  HttpOptions options;
  HttpClient client{options, server, clock};
  RateLimiter limiter{5, std::chrono::milliseconds(1000), clock};
  ResponseCache cache;
  Env() : cache(dir.path()) { options.retry_base = std::chrono::milliseconds(10); }

  std::vector<std::string> run(CacheMode mode, int rows, sources::CrossrefResult* result = nullptr)
  {
    Fetcher fetcher(cache, mode == CacheMode::offline ? nullptr : &client, mode);
    sources::CrossrefOptions co;
    co.base_url = "http://crossref";
    co.rows = rows;
    co.mailto = "me@x.org";
    co.limiter = &limiter;
    sources::Crossref crossref(fetcher, co);
    std::vector<std::string> dois;
    auto res = crossref.works("widget", "type:journal-article", [&](Record&& r) { dois.push_back(r.doi); });
    if (result) {
      *result = res;
    }
    return dois;
  }
};

std::set<std::string> all_dois(int n)
{
  std::set<std::string> out;
  for (int i = 0; i < n; ++i) {
    out.insert(fmt::format("10.1000/w{}", i));
  }
  return out;
}

} // namespace

TEST_CASE("Crossref: a chain whose cursor repeats gives every work once, and replays offline")
{
  Env env;
  sources::CrossrefResult res;
  auto dois = env.run(CacheMode::normal, 5, &res);
  CHECK(dois.size() == 23);
  CHECK(std::set<std::string>(dois.begin(), dois.end()) == all_dois(23));
  CHECK(res.total_results == 23);
  CHECK(res.retrieved == 23);
  CHECK(res.pages == 5);
  CHECK(res.restarts == 0);
  CHECK(res.warning.empty());
  CHECK(res.rate_limit == "50/2s");
  CHECK(res.concurrency_limit == "3");
  CHECK(env.limiter.limit() == 49); // one under x-rate-limit-limit, per x-rate-limit-interval
  CHECK(env.limiter.interval() == std::chrono::milliseconds(2000));
  REQUIRE(env.server.seen.size() == 5);
  std::map<std::string, std::string> first(env.server.seen[0].params.begin(), env.server.seen[0].params.end());
  CHECK(first["cursor"] == "*");
  CHECK(first["rows"] == "5");
  CHECK(first["mailto"] == "me@x.org");
  CHECK(first["query.bibliographic"] == "widget");
  CHECK(first["filter"] == "type:journal-article");

  // Offline, from the cache alone: the same works in the same order.
  CHECK(env.run(CacheMode::offline, 5) == dois);
  CHECK(env.server.seen.size() == 5);
}

TEST_CASE("Crossref: a refused cursor when resuming restarts the chain once, nothing doubled")
{
  Env env;
  env.run(CacheMode::normal, 5);
  // Lose the cached last two pages, let the cursor expire: the resumed chain reads three
  // pages from the cache, its fourth is refused, and the chain is read again afresh.
  for (int page : {3, 4}) {
    Request r{
      "GET",
      "http://crossref/works",
      {{"query.bibliographic", "widget"}, {"filter", "type:journal-article"}, {"rows", "5"}, {"cursor", "scroll-0"}},
      "crossref/works",
      {{"page", std::to_string(page)}}};
    env.cache.remove(r);
  }
  env.server.expire();
  env.server.seen.clear();
  sources::CrossrefResult res;
  auto dois = env.run(CacheMode::normal, 5, &res);
  CHECK(dois.size() == 23);
  CHECK(std::set<std::string>(dois.begin(), dois.end()) == all_dois(23));
  CHECK(res.restarts == 1);
  CHECK(res.retrieved == 23);
  CHECK(res.repeated == 15);
  CHECK(env.server.seen.size() == 1 + 5); // the refused page, then the whole chain
}

TEST_CASE("Crossref: a lost answer moves the scroll on: the short chain is read again")
{
  Env env;
  env.server.lose = 3; // the third page's answer is lost after the scroll moved
  sources::CrossrefResult res;
  auto dois = env.run(CacheMode::normal, 5, &res);
  CHECK(std::set<std::string>(dois.begin(), dois.end()) == all_dois(23));
  CHECK(dois.size() == 23);
  CHECK(res.restarts == 1);
  CHECK(res.warning.empty());
}

TEST_CASE("Crossref: a chain read wholly from the cache is replayed as it was, short or not")
{
  Env env;
  env.server.works = 12;
  env.run(CacheMode::normal, 5);
  env.server.works = 40; // the index grew: the cached search still says 12
  env.server.seen.clear();
  sources::CrossrefResult res;
  auto dois = env.run(CacheMode::normal, 5, &res);
  CHECK(dois.size() == 12);
  CHECK(res.total_results == 12);
  CHECK(env.server.seen.empty());
}

TEST_CASE("Crossref: the count is one request with rows=0 and no cursor")
{
  Env env;
  Fetcher fetcher(env.cache, &env.client, CacheMode::normal);
  sources::CrossrefOptions co;
  co.base_url = "http://crossref/";
  co.limiter = &env.limiter;
  sources::Crossref crossref(fetcher, co);
  CHECK(crossref.count("widget", "type:journal-article") == 23);
  REQUIRE(env.server.seen.size() == 1);
  std::map<std::string, std::string> p(env.server.seen[0].params.begin(), env.server.seen[0].params.end());
  CHECK(p["rows"] == "0");
  CHECK(p.count("cursor") == 0);
  CHECK(env.server.seen[0].url == "http://crossref/works");
}

TEST_CASE("Crossref: the search log's query is readable, not percent-encoded")
{
  CHECK(sources::Crossref::describe_query("mental illness helping alliance",
                                          "from-pub-date:1990-01-01,until-pub-date:2013-11-30,type:journal-article")
        == "query.bibliographic=mental illness helping alliance&filter=from-pub-date:1990-01-01,"
           "until-pub-date:2013-11-30,type:journal-article");
}
