// libFuzzer target for the criteria parser (screen/criteria.hpp): any text as a criteria
// file. It must never crash, hang or leak; an exception other than synth::Error is a crash.
// A crash found here goes into tests/fuzz/regressions/criteria/ so that every test run
// replays it (tests/unit/screen/test_fuzz_regressions.cpp).
#include "exercise_criteria.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  synth::fuzz::exercise_criteria(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
