#pragma once
// The calendar time synth stamps on what it stores (searches.run_at, cache entries) and uses
// for "today" (PubMed date slicing, open date ranges): behind an interface, so that tests can
// fix it. net::Clock is its monotonic sibling for waiting and timeouts.
#include <chrono>
#include <string>

namespace synth::util {

class WallClock
{
public:
  virtual ~WallClock() = default;
  virtual std::chrono::system_clock::time_point now() const = 0;
};

// The system's clock. Process-wide.
const WallClock& system_wall_clock();

// A clock that always says the same time (tests).
class FixedWallClock : public WallClock
{
public:
  explicit FixedWallClock(std::chrono::system_clock::time_point at) : m_at(at) {}
  std::chrono::system_clock::time_point now() const override { return m_at; }

private:
  std::chrono::system_clock::time_point m_at;
};

// "2026-12-02T20:52:07Z": the time in UTC, to the second (ISO 8601).
std::string utc_timestamp(const WallClock& clock = system_wall_clock());

// Today's date in UTC.
std::chrono::year_month_day utc_today(const WallClock& clock = system_wall_clock());

} // namespace synth::util
