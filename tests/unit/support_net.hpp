#pragma once
// A fake HTTP transport for the unit tests of net/ and sources/: it records every request
// and answers through a function the test gives (or a subclass overrides). End-to-end tests
// use the real libcurl transport against tests/e2e/replay_server.py instead.
#include "synth/net/http.hpp"

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace synth::test {

class FakeTransport : public net::Transport
{
public:
  using Handler = std::function<net::Attempt(const net::Request&)>;
  FakeTransport() = default;
  explicit FakeTransport(Handler handler) : m_handler(std::move(handler)) {}

  std::vector<net::Request> seen; // every request, in order

  net::Attempt perform(const net::Request& request) final
  {
    seen.push_back(request);
    return answer(request);
  }

protected:
  virtual net::Attempt answer(const net::Request& request) { return m_handler(request); }

private:
  Handler m_handler;
};

// An answer with this status, body and headers.
inline net::Attempt answer(long code, std::string body = "ok", std::map<std::string, std::string> headers = {})
{
  net::Attempt a;
  a.response.status = code;
  a.response.body = std::move(body);
  a.response.headers = std::move(headers);
  return a;
}

// A transport failure (no answer) of this kind.
inline net::Attempt failure(net::Attempt::Failure f)
{
  net::Attempt a;
  a.failure = f;
  a.error = "scripted";
  return a;
}

// The request's parameters by name (the first value of a repeated one).
inline std::map<std::string, std::string> params_of(const net::Request& request)
{
  return {request.params.begin(), request.params.end()};
}

} // namespace synth::test
