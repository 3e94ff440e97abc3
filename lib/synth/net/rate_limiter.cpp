#include "synth/net/rate_limiter.hpp"

#include <map>
#include <memory>

namespace synth::net {

namespace {
// A window a little longer than the nominal one, so that a server counting requests per
// second with its own clock never sees limit+1 of them.
constexpr std::chrono::milliseconds k_margin{25};
} // namespace

RateLimiter::RateLimiter(int limit, std::chrono::milliseconds interval, Clock& clock)
  : m_limit(limit < 1 ? 1 : limit), m_interval(interval), m_clock(clock)
{
}

void RateLimiter::acquire()
{
  std::unique_lock lock(m_mutex);
  for (;;) {
    auto now = m_clock.now();
    auto window = m_interval + k_margin;
    while (!m_starts.empty() && now - m_starts.front() >= window) {
      m_starts.pop_front();
    }
    Clock::time_point ready = now;
    if (static_cast<int>(m_starts.size()) >= m_limit) {
      ready = m_starts[m_starts.size() - static_cast<std::size_t>(m_limit)] + window;
    }
    if (m_paused_until > ready) {
      ready = m_paused_until;
    }
    if (ready <= now) {
      m_starts.push_back(now);
      return;
    }
    lock.unlock();
    m_clock.sleep_for(ready - now);
    lock.lock();
  }
}

void RateLimiter::set_limit(int limit, std::chrono::milliseconds interval)
{
  std::lock_guard lock(m_mutex);
  m_limit = limit < 1 ? 1 : limit;
  m_interval = interval;
}

int RateLimiter::limit() const
{
  std::lock_guard lock(m_mutex);
  return m_limit;
}

std::chrono::milliseconds RateLimiter::interval() const
{
  std::lock_guard lock(m_mutex);
  return m_interval;
}

void RateLimiter::pause_for(std::chrono::milliseconds d)
{
  std::lock_guard lock(m_mutex);
  auto until = m_clock.now() + d;
  if (until > m_paused_until) {
    m_paused_until = until;
  }
}

RateLimiter& limiter_for(const std::string& service, int limit, std::chrono::milliseconds interval)
{
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<RateLimiter>> limiters;
  std::lock_guard lock(mutex);
  auto& slot = limiters[service];
  if (!slot) {
    slot = std::make_unique<RateLimiter>(limit, interval);
  }
  return *slot;
}

} // namespace synth::net
