#include "support.hpp"
#include "support_net.hpp"
#include "synth/core/error.hpp"
#include "synth/net/cache.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace synth::net;
namespace fs = std::filesystem;

namespace {

using synth::test::TempDir;

std::string slurp(const fs::path& p)
{
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Answers `code` with a body that numbers the call.
class CountingTransport : public synth::test::FakeTransport
{
public:
  int calls = 0;
  long code = 200;

protected:
  Attempt answer(const Request&) override
  {
    return synth::test::answer(code, "<body " + std::to_string(++calls) + "/>");
  }
};

} // namespace

TEST_CASE("cache keys ignore secrets and parameter order, not the rest")
{
  Request a{"GET", "http://h/esearch.fcgi", {{"term", "x"}, {"db", "pubmed"}, {"api_key", "secret123"}}};
  Request b{
    "GET", "http://h/esearch.fcgi", {{"db", "pubmed"}, {"email", "me@x.org"}, {"term", "x"}, {"tool", "synth"}}};
  Request c{"POST", "http://h/esearch.fcgi", {{"db", "pubmed"}, {"term", "x"}}};
  Request d{"GET", "http://h/esearch.fcgi", {{"db", "pubmed"}, {"term", "y"}}};
  CHECK(cache_key(a) == cache_key(b));
  CHECK(cache_key(a) != cache_key(c));
  CHECK(cache_key(a) != cache_key(d));
  CHECK(cache_key(a).size() == 32);
}

TEST_CASE("put writes body and sidecar without secrets: get reads the body back")
{
  TempDir dir;
  ResponseCache cache(dir.path() / "cache");
  Request r{"POST", "http://h/efetch.fcgi", {{"id", "1,2"}, {"api_key", "secret123"}, {"email", "me@x.org"}}};
  Response resp;
  resp.status = 200;
  resp.body = "<PubmedArticleSet/>";
  auto path = cache.put(r, resp);
  CHECK(path == cache.body_path(r));
  CHECK(cache.get(r).value() == "<PubmedArticleSet/>");
  auto side = nlohmann::json::parse(slurp(dir.path() / "cache" / (cache_key(r) + ".json")));
  CHECK(side["method"] == "POST");
  CHECK(side["status"] == 200);
  CHECK(side["params"].size() == 1);
  for (const auto& entry : fs::directory_iterator(dir.path() / "cache")) {
    CHECK(slurp(entry.path()).find("secret123") == std::string::npos);
    CHECK(slurp(entry.path()).find("me@x.org") == std::string::npos);
    CHECK(entry.path().string().find(".tmp") == std::string::npos);
  }
  cache.remove(r);
  CHECK_FALSE(cache.get(r).has_value());
}

TEST_CASE("Fetcher: normal mode fetches once then replays, offline fails on a miss, refresh refetches")
{
  TempDir dir;
  ResponseCache cache(dir.path());
  CountingTransport t;
  FakeClock clock;
  HttpClient client(HttpOptions{}, t, clock);
  Request r{"GET", "http://h/esearch.fcgi", {{"term", "asthma"}, {"api_key", "k"}}};

  Fetcher normal(cache, &client, CacheMode::normal);
  CHECK(normal.get(r).body == "<body 1/>");
  auto again = normal.get(r);
  CHECK(again.body == "<body 1/>");
  CHECK(again.from_cache);
  CHECK(t.calls == 1);

  Fetcher refresh(cache, &client, CacheMode::refresh);
  CHECK(refresh.get(r).body == "<body 2/>");
  CHECK(t.calls == 2);

  Fetcher offline(cache, nullptr, CacheMode::offline);
  CHECK(offline.get(r).body == "<body 2/>");
  Request miss{"GET", "http://h/esearch.fcgi", {{"term", "other"}, {"api_key", "k"}}};
  try {
    offline.get(miss);
    FAIL("no exception");
  } catch (const synth::Error& e) {
    CHECK(std::string(e.what())
          == "cache miss for GET http://h/esearch.fcgi?term=other (run without --offline to fetch it)");
  }
}

TEST_CASE("Fetcher: an error status is an error and is not cached")
{
  TempDir dir;
  ResponseCache cache(dir.path());
  CountingTransport t;
  t.code = 400;
  FakeClock clock;
  HttpClient client(HttpOptions{}, t, clock);
  Fetcher f(cache, &client, CacheMode::normal);
  Request r{"GET", "http://h/works", {{"filter", "bad"}}};
  CHECK_THROWS_WITH(f.get(r), "GET http://h/works?filter=bad: the server answered HTTP 400: <body 1/>");
  CHECK_FALSE(cache.get(r).has_value());
}

TEST_CASE("a cache_name makes the key independent of the base URL")
{
  Request a{"GET", "http://127.0.0.1:4000/esearch.fcgi", {{"term", "x"}}, "pubmed/esearch.fcgi"};
  Request b{
    "GET", "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/esearch.fcgi", {{"term", "x"}}, "pubmed/esearch.fcgi"};
  Request c{"GET", "http://127.0.0.1:4000/esearch.fcgi", {{"term", "x"}}};
  CHECK(cache_key(a) == cache_key(b));
  CHECK(cache_key(a) != cache_key(c));
}

TEST_CASE("key_params tell apart two pages that are the same request, and are never sent")
{
  // Crossref's next-cursor is often the same for consecutive pages.
  Request p1{"GET", "http://h/works", {{"rows", "20"}, {"cursor", "DnF1ZXJ5"}}, "crossref/works", {{"page", "1"}}};
  Request p2{"GET", "http://h/works", {{"rows", "20"}, {"cursor", "DnF1ZXJ5"}}, "crossref/works", {{"page", "2"}}};
  Request p0{"GET", "http://h/works", {{"rows", "20"}, {"cursor", "DnF1ZXJ5"}}, "crossref/works"};
  CHECK(cache_key(p1) != cache_key(p2));
  CHECK(cache_key(p0) != cache_key(p1));
  CHECK(encode_params(p1.params).find("page") == std::string::npos);

  TempDir dir;
  ResponseCache cache(dir.path());
  Response a;
  a.status = 200;
  a.body = "page one";
  Response b = a;
  b.body = "page two";
  cache.put(p1, a);
  cache.put(p2, b);
  CHECK(cache.get(p1).value() == "page one");
  CHECK(cache.get(p2).value() == "page two");
  auto side = nlohmann::json::parse(slurp(dir.path() / (cache_key(p2) + ".json")));
  CHECK(side["key_params"] == nlohmann::json::parse(R"([["page","2"]])"));
}

TEST_CASE("Fetcher: fresh refetches one request in normal mode: an error status keeps its status")
{
  TempDir dir;
  ResponseCache cache(dir.path());
  CountingTransport t;
  FakeClock clock;
  HttpClient client(HttpOptions{}, t, clock);
  Fetcher f(cache, &client, CacheMode::normal);
  std::vector<std::pair<std::string, bool>> seen;
  f.on_fetch = [&](const Request& r, bool from_cache) { seen.emplace_back(describe(r), from_cache); };
  Request r{"GET", "http://h/works", {{"rows", "5"}, {"mailto", "me@x.org"}}};
  CHECK(f.get(r).body == "<body 1/>");
  CHECK(f.get(r).body == "<body 1/>");
  CHECK(f.get(r, nullptr, true).body == "<body 2/>");
  CHECK(f.get(r).body == "<body 2/>");
  CHECK(seen
        == std::vector<std::pair<std::string, bool>>{{"GET http://h/works?rows=5", false},
                                                     {"GET http://h/works?rows=5", true},
                                                     {"GET http://h/works?rows=5", false},
                                                     {"GET http://h/works?rows=5", true}});
  t.code = 404;
  Request other{"GET", "http://h/works", {{"rows", "6"}}};
  try {
    f.get(other);
    FAIL("no exception");
  } catch (const HttpStatusError& e) {
    CHECK(e.status() == 404);
    CHECK(e.body() == "<body 3/>");
  }
}

namespace {
// A server that quotes the request in its error answers, as some do.
synth::test::FakeTransport echo_transport()
{
  return synth::test::FakeTransport([](const Request& request) {
    return synth::test::answer(400, "bad request: " + request.url + "?" + encode_params(request.params));
  });
}
} // namespace

TEST_CASE("a server's answer quoted in an error has the secrets' values removed")
{
  TempDir dir;
  ResponseCache cache(dir.path());
  auto t = echo_transport();
  FakeClock clock;
  HttpClient client(HttpOptions{}, t, clock);
  Fetcher f(cache, &client, CacheMode::normal);
  Request r{"POST", "http://h/efetch.fcgi", {{"id", "1"}, {"api_key", "secret123"}, {"email", "me@x.org"}}};
  try {
    f.get(r);
    FAIL("no exception");
  } catch (const HttpStatusError& e) {
    std::string what = e.what();
    CHECK(what.find("secret123") == std::string::npos);
    CHECK(what.find("me%40x.org") == std::string::npos);
    CHECK(what.find("api_key=***") != std::string::npos);
    CHECK(e.body().find("secret123") == std::string::npos);
  }
  CHECK(redact("key secret123 and secret123", r) == "key *** and ***");
}
