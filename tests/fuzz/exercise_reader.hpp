#pragma once
// What every fuzz input goes through, shared by the libFuzzer targets (fuzz_reader.cpp) and
// the regression test that replays tests/fuzz/regressions/ on every test run: format
// detection, then the reader in strict and in lenient mode. A reader may reject any input
// with synth::Error; any other exception escapes, which is the crash it is.
#include "synth/core/error.hpp"
#include "synth/formats/reader.hpp"

#include <string_view>

namespace synth::fuzz {

inline void exercise_reader(std::string_view text, formats::Format format)
{
  (void)formats::detect_format(text.substr(0, 4096), "fuzz");
  for (bool lenient : {false, true}) {
    formats::ReadContext ctx("fuzz", lenient);
    try {
      formats::read_text(text, format, ctx, [](Record&&) {});
    } catch (const Error&) {
    }
  }
}

} // namespace synth::fuzz
