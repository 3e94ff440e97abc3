#include "synth/net/clock.hpp"

#include <thread>

namespace synth::net {

namespace {
class SystemClock : public Clock
{
public:
  time_point now() override { return std::chrono::steady_clock::now(); }
  void sleep_for(duration d) override
  {
    if (d > duration::zero()) {
      std::this_thread::sleep_for(d);
    }
  }
};
} // namespace

Clock& system_clock()
{
  static SystemClock clock;
  return clock;
}

FakeClock::time_point FakeClock::now()
{
  std::lock_guard lock(m_mutex);
  return m_now;
}

void FakeClock::sleep_for(duration d)
{
  std::lock_guard lock(m_mutex);
  if (d > duration::zero()) {
    m_now += d;
    m_slept += d;
  }
}

void FakeClock::advance(duration d)
{
  std::lock_guard lock(m_mutex);
  m_now += d;
}

} // namespace synth::net
