#include "synth/net/rate_limiter.hpp"

#include <catch2/catch.hpp>

using namespace synth::net;
using namespace std::chrono_literals;

TEST_CASE("at most N starts in any window of the interval")
{
  FakeClock clock;
  RateLimiter limiter(3, 1000ms, clock);
  std::vector<Clock::time_point> starts;
  for (int i = 0; i < 10; ++i) {
    limiter.acquire();
    starts.push_back(clock.now());
  }
  for (std::size_t i = 3; i < starts.size(); ++i) {
    CHECK(starts[i] - starts[i - 3] >= 1000ms);
  }
  // And not much slower than the rate: 10 starts of 3/s take about 3 windows.
  CHECK(starts.back() - starts.front() < 3200ms);
}

TEST_CASE("pause_for delays the next start (Retry-After shared by all requests)")
{
  FakeClock clock;
  RateLimiter limiter(10, 1000ms, clock);
  limiter.acquire();
  auto t0 = clock.now();
  limiter.pause_for(5000ms);
  limiter.acquire();
  CHECK(clock.now() - t0 == 5000ms);
}

TEST_CASE("set_limit lowers the rate")
{
  FakeClock clock;
  RateLimiter limiter(50, 1000ms, clock);
  limiter.set_limit(1, 2000ms);
  limiter.acquire();
  auto t0 = clock.now();
  limiter.acquire();
  CHECK(clock.now() - t0 >= 2000ms);
  CHECK(limiter.limit() == 1);
}
