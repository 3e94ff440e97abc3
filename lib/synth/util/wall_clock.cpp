#include "synth/util/wall_clock.hpp"

#include <ctime>

namespace synth::util {

namespace {

class SystemWallClock : public WallClock
{
public:
  std::chrono::system_clock::time_point now() const override { return std::chrono::system_clock::now(); }
};

} // namespace

const WallClock& system_wall_clock()
{
  static const SystemWallClock clock;
  return clock;
}

std::string utc_timestamp(const WallClock& clock)
{
  auto t = std::chrono::system_clock::to_time_t(clock.now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::chrono::year_month_day utc_today(const WallClock& clock)
{
  return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(clock.now())};
}

} // namespace synth::util
