// Replays every criteria input that a fuzz run has found, or that a defect report named
// (tests/fuzz/regressions/criteria/), through the same steps as the fuzz target, so that a
// crash found once fails every test run from then on, without clang or libFuzzer.
#include "fuzz/exercise_criteria.hpp"

#include "synth/util/input.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

namespace fs = std::filesystem;

TEST_CASE("every criteria input kept from fuzz runs is parsed or refused with synth::Error", "[criteria][fuzz]")
{
  fs::path dir = fs::path(SYNTH_SOURCE_DIR) / "tests" / "fuzz" / "regressions" / "criteria";
  REQUIRE(fs::is_directory(dir));
  int replayed = 0;
  for (const auto& input : fs::directory_iterator(dir)) {
    INFO("input " << input.path().string());
    std::string text = synth::util::read_file(input.path());
    CHECK_NOTHROW(synth::fuzz::exercise_criteria(text));
    ++replayed;
  }
  CHECK(replayed >= 3);
}
