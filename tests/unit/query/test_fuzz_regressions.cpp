// Replays every query file a fuzz run has found (tests/fuzz/regressions/query/) through the
// same steps as the fuzz target, so that a crash found once fails every test run from then
// on, deterministically, without clang or libFuzzer.
#include "fuzz/exercise_query.hpp"

#include "synth/util/input.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

namespace fs = std::filesystem;

TEST_CASE("every query file kept from fuzz runs is checked without a crash", "[query][fuzz]")
{
  fs::path dir = fs::path(SYNTH_SOURCE_DIR) / "tests" / "fuzz" / "regressions" / "query";
  REQUIRE(fs::is_directory(dir));
  int replayed = 0;
  for (const auto& input : fs::directory_iterator(dir)) {
    INFO("input " << input.path().string());
    std::string text = synth::util::read_file(input.path());
    CHECK_NOTHROW(synth::fuzz::exercise_query(text));
    ++replayed;
  }
  CHECK(replayed >= 3);
}
