// libFuzzer target for one reader (SYNTH_FUZZ_FORMAT names the Format; "automatic" detects
// it from the input, as `synth import` does). A reader may reject any input with
// synth::Error; it must never crash, hang or leak, in strict or lenient mode.
#include "synth/core/error.hpp"
#include "synth/formats/reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  std::string_view text(reinterpret_cast<const char*>(data), size);
  // Detection sees every input too (the "automatic" target then reads what it detected).
  (void)synth::formats::detect_format(text.substr(0, 4096), "fuzz");
  for (bool lenient : {false, true}) {
    synth::formats::ReadContext ctx("fuzz", lenient);
    try {
      synth::formats::read_text(text, synth::formats::Format::SYNTH_FUZZ_FORMAT, ctx, [](synth::Record&&) {});
    } catch (const synth::Error&) {
    }
  }
  return 0;
}
