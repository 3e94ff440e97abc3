#pragma once
// Helpers shared by the unit tests: where the real-world fixtures are.
#include <cstdlib>
#include <filesystem>
#include <string>

namespace synth::test {

// The shared fixtures folder: SYNTH_FIXTURES, or ../shared/fixtures beside the checkout.
inline std::filesystem::path fixtures()
{
  if (const char* env = std::getenv("SYNTH_FIXTURES"); env && *env) {
    return env;
  }
  return SYNTH_FIXTURES_DEFAULT;
}

inline bool have_fixtures() { return std::filesystem::is_directory(fixtures()); }

inline std::filesystem::path fixture(const std::string& rel) { return fixtures() / rel; }

} // namespace synth::test

// Skips the rest of a test case, saying so, when the fixtures folder is absent.
#define SYNTH_REQUIRE_FIXTURES()                                                                                       \
  do {                                                                                                                 \
    if (!synth::test::have_fixtures()) {                                                                               \
      WARN("skipped: fixtures folder absent (" << synth::test::fixtures().string() << ")");                            \
      return;                                                                                                          \
    }                                                                                                                  \
  } while (false)
