// libFuzzer target for the search-history readers of Ovid, EBSCOhost, ProQuest, Web of
// Science, Scopus and the Cochrane Library (exercise_history.hpp). It must never crash,
// hang or leak. A crash found here goes into tests/fuzz/regressions/history/.
#include "exercise_history.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  synth::fuzz::exercise_history(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
