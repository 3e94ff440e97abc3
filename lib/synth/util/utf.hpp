#pragma once
// The one UTF-8 encoder and UTF-16 decoder of synth. Exports come as UTF-8 or, from some
// Windows tools (Web of Science tab-delimited files), as UTF-16 with a byte order mark;
// readers see UTF-8 only. Depends on nothing of synth.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace synth::util {

// Appends code point `cp` as UTF-8. Code points above U+10FFFF and surrogates (never
// characters) are written as U+FFFD.
void append_utf8(std::string& out, char32_t cp);

enum class ByteOrder { little_endian, big_endian };

// The byte order that a UTF-16 byte order mark at the start of `bytes` names (FF FE:
// little endian, FE FF: big endian), or nullopt when there is none.
std::optional<ByteOrder> utf16_bom(std::string_view bytes);

// Decodes UTF-16 into UTF-8 piece by piece (a stream read in blocks: a block may end inside
// a code unit or between the two halves of a surrogate pair). A surrogate without its
// partner and a byte left over at the end are errors, never a character silently lost or
// replaced: the decoder stops and error() says what was wrong.
class Utf16Decoder
{
public:
  explicit Utf16Decoder(ByteOrder order) : m_order(order) {}

  // Appends the UTF-8 of `bytes` (after what earlier calls gave) to `out`. Returns false at
  // the first invalid code unit; what came before it is in `out`.
  bool decode(std::string_view bytes, std::string& out);
  // After the last piece: false when a byte or the first half of a surrogate pair is left.
  bool finish();

  // "an unpaired surrogate (0xDC00)", "an odd number of bytes (the last character is cut)".
  const std::string& error() const { return m_error; }

private:
  ByteOrder m_order;
  int m_pending_byte = -1; // a byte of a code unit whose second byte is still to come
  char32_t m_high = 0;     // a high surrogate waiting for its low half
  std::string m_error;
};

// The whole of a UTF-16 text (without its byte order mark) as UTF-8, appended to `out`.
// Returns false and sets `error` (see Utf16Decoder::error) when it is not valid UTF-16; `out` then holds the
// text decoded up to the problem, so that the caller can name its line.
bool utf16_to_utf8(std::string_view bytes, ByteOrder order, std::string& out, std::string& error);

} // namespace synth::util
