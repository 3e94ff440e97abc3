// Replays every input that a fuzz run has found (tests/fuzz/regressions/<target>/) through
// the same steps as the fuzz target, so that a crash found once fails every test run from
// then on, deterministically, without clang or libFuzzer.
#include "fuzz/exercise_reader.hpp"

#include "synth/util/input.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;

TEST_CASE("every input kept from fuzz runs is read or refused with synth::Error")
{
  fs::path root = fs::path(SYNTH_SOURCE_DIR) / "tests" / "fuzz" / "regressions";
  REQUIRE(fs::is_directory(root));
  int replayed = 0;
  for (const auto& dir : fs::directory_iterator(root)) {
    std::string target = dir.path().filename().string();
    if (target == "criteria" || target == "query") {
      continue; // not readers: tests/unit/{screen,query}/test_fuzz_regressions.cpp replay them
    }
    std::string name = target == "automatic" ? "auto" : target;
    std::replace(name.begin(), name.end(), '_', '-');
    auto format = synth::formats::parse_format(name);
    INFO("target " << target);
    REQUIRE(format);
    for (const auto& input : fs::directory_iterator(dir.path())) {
      INFO("input " << input.path().string());
      std::string text = synth::util::read_file(input.path());
      CHECK_NOTHROW(synth::fuzz::exercise_reader(text, *format));
      ++replayed;
    }
  }
  CHECK(replayed >= 2);
}
