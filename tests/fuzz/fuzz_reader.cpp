// libFuzzer target for one reader (SYNTH_FUZZ_FORMAT names the Format; "automatic" detects
// it from the input, as `synth import` does). It must never crash, hang or leak, in strict
// or lenient mode; an exception other than synth::Error is a crash. A crash found here
// goes into tests/fuzz/regressions/<target>/ so that every test run replays it.
#include "exercise_reader.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  synth::fuzz::exercise_reader(std::string_view(reinterpret_cast<const char*>(data), size),
                               synth::formats::Format::SYNTH_FUZZ_FORMAT);
  return 0;
}
