#pragma once
// Time behind an interface, so that backoff and rate limiting can be unit-tested without
// waiting: tests pass a FakeClock whose sleep only advances its own time.
#include <chrono>
#include <mutex>

namespace synth::net {

class Clock
{
public:
  using time_point = std::chrono::steady_clock::time_point;
  using duration = std::chrono::steady_clock::duration;
  virtual ~Clock() = default;
  virtual time_point now() = 0;
  virtual void sleep_for(duration d) = 0;
};

// The real clock (steady_clock, this_thread::sleep_for). Process-wide.
Clock& system_clock();

// A clock for tests: starts at an arbitrary epoch; sleep_for advances now() and adds to slept().
class FakeClock : public Clock
{
public:
  time_point now() override;
  void sleep_for(duration d) override;
  void advance(duration d);
  duration slept() const { return m_slept; }

private:
  std::mutex m_mutex;
  time_point m_now{std::chrono::hours(1)};
  duration m_slept{0};
};

} // namespace synth::net
