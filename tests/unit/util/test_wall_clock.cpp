// util::WallClock: the calendar time synth stamps, fixed in tests.
#include "synth/util/wall_clock.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono;

TEST_CASE("utc_timestamp and utc_today read the clock they are given")
{
  synth::util::FixedWallClock clock{sys_days{year{2013} / 11 / 30} + hours{23} + minutes{59} + seconds{58}};
  CHECK(synth::util::utc_timestamp(clock) == "2013-11-30T23:59:58Z");
  CHECK(synth::util::utc_today(clock) == year{2013} / 11 / 30);
  // The system clock: a well-formed stamp of this century.
  auto now = synth::util::utc_timestamp();
  REQUIRE(now.size() == 20);
  CHECK(now.starts_with("20"));
  CHECK(now.back() == 'Z');
}
