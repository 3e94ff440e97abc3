#include "support_net.hpp"
#include "synth/core/error.hpp"
#include "synth/net/http.hpp"

#include <catch2/catch.hpp>

#include <deque>

using namespace synth::net;
using namespace std::chrono_literals;

namespace {

// Answers from a script, one per attempt (FakeTransport records what was asked).
class ScriptedTransport : public synth::test::FakeTransport
{
public:
  std::deque<Attempt> script;

protected:
  Attempt answer(const Request&) override
  {
    REQUIRE_FALSE(script.empty());
    Attempt a = script.front();
    script.pop_front();
    return a;
  }
};

Attempt status(long code, std::string body = "ok", std::map<std::string, std::string> headers = {})
{
  return synth::test::answer(code, std::move(body), std::move(headers));
}

using synth::test::failure;

HttpOptions fast_options()
{
  HttpOptions o;
  o.retries = 4;
  o.retry_base = 1000ms;
  o.retry_max = 30000ms;
  return o;
}

} // namespace

TEST_CASE("429 with Retry-After waits the given seconds, then succeeds")
{
  ScriptedTransport t;
  t.script = {status(429, "slow down", {{"retry-after", "7"}}), status(200, "<x/>")};
  FakeClock clock;
  HttpClient client(fast_options(), t, clock);
  auto r = client.fetch({"GET", "http://h/esearch.fcgi", {}});
  CHECK(r.body == "<x/>");
  CHECK(clock.slept() == 7000ms);
  CHECK(client.stats().requests == 2);
  CHECK(client.stats().rate_limited == 1);
}

TEST_CASE("5xx and transport failures back off exponentially with jitter")
{
  ScriptedTransport t;
  t.script = {status(503), failure(Attempt::Failure::timeout), failure(Attempt::Failure::truncated), status(502),
              status(200, "done")};
  FakeClock clock;
  std::vector<std::chrono::milliseconds> delays;
  HttpClient client(fast_options(), t, clock, 42);
  client.on_retry = [&](int, std::chrono::milliseconds d, const std::string&) { delays.push_back(d); };
  CHECK(client.fetch({"GET", "http://h/x", {}}).body == "done");
  REQUIRE(delays.size() == 4);
  // Attempt n waits between half and all of base * 2^(n-1).
  for (std::size_t i = 0; i < delays.size(); ++i) {
    auto full = 1000ms * (1 << i);
    CHECK(delays[i] >= full / 2);
    CHECK(delays[i] <= full);
  }
  CHECK(clock.slept() == delays[0] + delays[1] + delays[2] + delays[3]);
}

TEST_CASE("NCBI's rate-limit JSON with status 200 is retried, not returned")
{
  ScriptedTransport t;
  t.script = {status(200, R"({"error":"API rate limit exceeded","count":"11"})"), status(200, "<eSearchResult/>")};
  FakeClock clock;
  HttpClient client(fast_options(), t, clock);
  CHECK(client.fetch({"GET", "http://h/x", {}}).body == "<eSearchResult/>");
  CHECK(client.stats().rate_limited == 1);
}

TEST_CASE("a 4xx other than 429 is returned at once")
{
  ScriptedTransport t;
  t.script = {status(400, "bad")};
  FakeClock clock;
  HttpClient client(fast_options(), t, clock);
  CHECK(client.fetch({"GET", "http://h/x", {}}).status == 400);
  CHECK(clock.slept() == 0ms);
}

TEST_CASE("giving up names the request without secrets and the last reason")
{
  ScriptedTransport t;
  for (int i = 0; i < 5; ++i) {
    t.script.push_back(failure(Attempt::Failure::connect));
  }
  FakeClock clock;
  HttpClient client(fast_options(), t, clock);
  Request req{"GET", "http://h/esearch.fcgi", {{"term", "x"}, {"api_key", "secret123"}, {"email", "a@b"}}};
  try {
    client.fetch(req);
    FAIL("no exception");
  } catch (const synth::Error& e) {
    std::string what = e.what();
    CHECK(what == "network: GET http://h/esearch.fcgi?term=x: cannot connect: scripted (gave up after 5 attempts)");
  }
  CHECK(t.seen.size() == 5);
  CHECK(t.seen[0].params[1].second == "secret123"); // still sent
}

TEST_CASE("a transport message that quotes the URL loses its secrets, in errors and in on_retry")
{
  ScriptedTransport t;
  for (int i = 0; i < 2; ++i) {
    Attempt a = failure(Attempt::Failure::other);
    a.error = "URL rejected: http://h/esearch.fcgi?term=x&api_key=secret123";
    t.script.push_back(a);
  }
  FakeClock clock;
  HttpOptions o = fast_options();
  o.retries = 1;
  HttpClient client(o, t, clock);
  std::vector<std::string> reasons;
  client.on_retry = [&](int, std::chrono::milliseconds, const std::string& why) { reasons.push_back(why); };
  Request req{"GET", "http://h/esearch.fcgi", {{"term", "x"}, {"api_key", "secret123"}}};
  CHECK_THROWS_WITH(client.fetch(req), "network: GET http://h/esearch.fcgi?term=x: URL rejected: "
                                       "http://h/esearch.fcgi?term=x&api_key=*** (gave up after 2 attempts)");
  REQUIRE(reasons.size() == 1);
  CHECK(reasons[0] == "URL rejected: http://h/esearch.fcgi?term=x&api_key=***");
}

TEST_CASE("Retry-After is capped by retry_max and only the seconds form is read")
{
  CHECK(parse_retry_after_seconds(" 120 ") == 120);
  CHECK(parse_retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == -1);
  CHECK(parse_retry_after_seconds("") == -1);
  ScriptedTransport t;
  t.script = {status(429, "", {{"retry-after", "3600"}}), status(200)};
  FakeClock clock;
  HttpClient client(fast_options(), t, clock);
  client.fetch({"GET", "http://h/x", {}});
  CHECK(clock.slept() == 30000ms);
}

TEST_CASE("the rate limit body check does not fire on records")
{
  CHECK(is_ncbi_rate_limit_body(R"({"error":"API rate limit exceeded"})"));
  CHECK(
    is_ncbi_rate_limit_body(R"({"error":"API rate limit exceeded","api-key":"10.1.2.3","count":"11","limit":"10"})"));
  CHECK_FALSE(is_ncbi_rate_limit_body("<PubmedArticleSet></PubmedArticleSet>"));
  CHECK_FALSE(is_ncbi_rate_limit_body(std::string(2000, 'x') + "API rate limit exceeded \"error\""));
}

TEST_CASE("describe shows a request as a user reads it: values as written, no secrets, cut when long")
{
  Request r{
    "GET",
    "http://h/esearch.fcgi",
    {{"db", "pubmed"}, {"term", "\"mental illness\"[tiab] AND 1990:2013[dp]"}, {"api_key", "k"}, {"tool", "synth"}}};
  CHECK(describe(r) == "GET http://h/esearch.fcgi?db=pubmed&term=\"mental illness\"[tiab] AND 1990:2013[dp]");
  Request big{"POST", "http://h/efetch.fcgi", {{"id", std::string(400, '1')}}};
  CHECK(describe(big) == "POST http://h/efetch.fcgi?id=" + std::string(297, '1') + "...");
}

TEST_CASE("a 429 that says the budget is spent (x-ratelimit-remaining: 0) is returned at once")
{
  ScriptedTransport t;
  t.script = {
    status(429, "{\"error\": \"Rate limit exceeded\"}", {{"retry-after", "40000"}, {"x-ratelimit-remaining", "0"}}),
    status(200)};
  FakeClock clock;
  HttpClient client(fast_options(), t, clock);
  auto r = client.fetch({"GET", "http://h/works", {}});
  CHECK(r.status == 429);
  CHECK(clock.slept() == 0ms);
  CHECK(client.stats().requests == 1);
  CHECK(client.stats().rate_limited == 1);
  // with budget left, a 429 is retried as before
  ScriptedTransport t2;
  t2.script = {status(429, "", {{"retry-after", "2"}, {"x-ratelimit-remaining", "12"}}), status(200)};
  HttpClient client2(fast_options(), t2, clock);
  CHECK(client2.fetch({"GET", "http://h/works", {}}).status == 200);
}
