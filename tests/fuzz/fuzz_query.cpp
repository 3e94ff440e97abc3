// libFuzzer target for the query-file parser and checker (exercise_query.hpp). It must
// never crash, hang or leak, and what synth would send must parse back to the same tree.
// A crash found here goes into tests/fuzz/regressions/query/ so that every test run
// replays it (tests/unit/query/test_fuzz_regressions.cpp).
#include "exercise_query.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  synth::fuzz::exercise_query(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
