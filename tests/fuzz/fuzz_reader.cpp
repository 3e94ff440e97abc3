// libFuzzer target for one reader (SYNTH_FUZZ_FORMAT names the Format). A reader may reject
// any input with synth::Error; it must never crash, hang or leak, in strict or lenient mode.
#include "synth/core/error.hpp"
#include "synth/formats/reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (bool lenient : {false, true}) {
    synth::formats::ReadContext ctx("fuzz", lenient);
    try {
      synth::formats::read_text(text, synth::formats::Format::SYNTH_FUZZ_FORMAT, ctx, [](synth::Record&&) {});
    } catch (const synth::Error&) {
    }
  }
  return 0;
}
