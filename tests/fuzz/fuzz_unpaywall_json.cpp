// libFuzzer target for the Unpaywall answer reader (formats/unpaywall_json.hpp): it must
// never crash, hang or leak; an exception other than synth::Error is a crash.
#include "synth/core/error.hpp"
#include "synth/formats/unpaywall_json.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  try {
    (void)synth::formats::read_unpaywall_answer(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
  } catch (const synth::Error&) {
  }
  return 0;
}
