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

struct TempDir
{
  fs::path path;
  TempDir()
  {
    path = fs::temp_directory_path() / ("synth-net-test-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

std::string slurp(const fs::path& p)
{
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class CountingTransport : public Transport
{
public:
  int calls = 0;
  long code = 200;
  Attempt perform(const Request&) override
  {
    ++calls;
    Attempt a;
    a.response.status = code;
    a.response.body = "<body " + std::to_string(calls) + "/>";
    return a;
  }
};

} // namespace

TEST_CASE("cache keys ignore secrets and parameter order, not the rest")
{
  Request a{"GET", "http://h/esearch.fcgi", {{"term", "x"}, {"db", "pubmed"}, {"api_key", "secret123"}}};
  Request b{"GET", "http://h/esearch.fcgi", {{"db", "pubmed"}, {"email", "me@x.org"}, {"term", "x"}, {"tool", "synth"}}};
  Request c{"POST", "http://h/esearch.fcgi", {{"db", "pubmed"}, {"term", "x"}}};
  Request d{"GET", "http://h/esearch.fcgi", {{"db", "pubmed"}, {"term", "y"}}};
  CHECK(cache_key(a) == cache_key(b));
  CHECK(cache_key(a) != cache_key(c));
  CHECK(cache_key(a) != cache_key(d));
  CHECK(cache_key(a).size() == 32);
}

TEST_CASE("put writes body and sidecar without secrets; get reads the body back")
{
  TempDir dir;
  ResponseCache cache(dir.path / "cache");
  Request r{"POST", "http://h/efetch.fcgi", {{"id", "1,2"}, {"api_key", "secret123"}, {"email", "me@x.org"}}};
  Response resp;
  resp.status = 200;
  resp.body = "<PubmedArticleSet/>";
  auto path = cache.put(r, resp);
  CHECK(path == cache.body_path(r));
  CHECK(cache.get(r).value() == "<PubmedArticleSet/>");
  auto side = nlohmann::json::parse(slurp(dir.path / "cache" / (cache_key(r) + ".json")));
  CHECK(side["method"] == "POST");
  CHECK(side["status"] == 200);
  CHECK(side["params"].size() == 1);
  for (const auto& entry : fs::directory_iterator(dir.path / "cache")) {
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
  ResponseCache cache(dir.path);
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
    CHECK(std::string(e.what()) ==
          "cache miss for GET http://h/esearch.fcgi?term=other (run without --offline to fetch it)");
  }
}

TEST_CASE("Fetcher: an error status is an error and is not cached")
{
  TempDir dir;
  ResponseCache cache(dir.path);
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
  Request b{"GET", "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/esearch.fcgi", {{"term", "x"}}, "pubmed/esearch.fcgi"};
  Request c{"GET", "http://127.0.0.1:4000/esearch.fcgi", {{"term", "x"}}};
  CHECK(cache_key(a) == cache_key(b));
  CHECK(cache_key(a) != cache_key(c));
}
