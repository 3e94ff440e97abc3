#pragma once
// A sliding-window rate limiter: at most `limit` request starts in any window of
// `interval`. acquire() sleeps (on the given Clock) until a slot is free. Thread-safe; one
// limiter per remote service, shared by the whole process (see limiter_for()).
#include "synth/net/clock.hpp"

#include <chrono>
#include <deque>
#include <mutex>
#include <string>

namespace synth::net {

class RateLimiter
{
public:
  RateLimiter(int limit, std::chrono::milliseconds interval, Clock& clock = system_clock());

  // Blocks until a request may start, then records its start.
  void acquire();
  // Changes the limit (e.g. from Crossref's x-rate-limit-* headers).
  void set_limit(int limit, std::chrono::milliseconds interval);
  int limit() const;
  std::chrono::milliseconds interval() const;
  // Pushes the next allowed start to at least now + d (after a 429 with Retry-After).
  void pause_for(std::chrono::milliseconds d);

private:
  mutable std::mutex m_mutex;
  int m_limit;
  std::chrono::milliseconds m_interval;
  Clock& m_clock;
  std::deque<Clock::time_point> m_starts;
  Clock::time_point m_paused_until{};
};

// The process-wide limiter of a service ("pubmed", "crossref"), created on first use with
// the given limit; later calls return the same object.
RateLimiter& limiter_for(const std::string& service, int limit, std::chrono::milliseconds interval);

} // namespace synth::net
