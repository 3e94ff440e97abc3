#include "synth/util/utf.hpp"

#include <fmt/format.h>

namespace synth::util {

void append_utf8(std::string& out, char32_t cp)
{
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) {
    cp = 0xFFFD;
  }
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::optional<ByteOrder> utf16_bom(std::string_view bytes)
{
  if (bytes.size() >= 2) {
    auto a = static_cast<unsigned char>(bytes[0]);
    auto b = static_cast<unsigned char>(bytes[1]);
    if (a == 0xFF && b == 0xFE) {
      return ByteOrder::little_endian;
    }
    if (a == 0xFE && b == 0xFF) {
      return ByteOrder::big_endian;
    }
  }
  return std::nullopt;
}

bool Utf16Decoder::decode(std::string_view bytes, std::string& out)
{
  if (!m_error.empty()) {
    return false;
  }
  out.reserve(out.size() + bytes.size() / 2 + 4);
  std::size_t i = 0;
  auto unit_from = [&](unsigned first, unsigned second) -> char32_t {
    return m_order == ByteOrder::little_endian ? static_cast<char32_t>(first | (second << 8))
                                               : static_cast<char32_t>((first << 8) | second);
  };
  while (true) {
    char32_t unit = 0;
    if (m_pending_byte >= 0) {
      if (i >= bytes.size()) {
        return true;
      }
      unit = unit_from(static_cast<unsigned>(m_pending_byte), static_cast<unsigned char>(bytes[i]));
      m_pending_byte = -1;
      i += 1;
    } else if (i + 1 < bytes.size()) {
      unit = unit_from(static_cast<unsigned char>(bytes[i]), static_cast<unsigned char>(bytes[i + 1]));
      i += 2;
    } else {
      if (i < bytes.size()) {
        m_pending_byte = static_cast<unsigned char>(bytes[i]);
      }
      return true;
    }
    if (m_high != 0) {
      if (unit < 0xDC00 || unit >= 0xE000) {
        m_error = fmt::format("an unpaired surrogate (0x{:04X})", static_cast<unsigned>(m_high));
        return false;
      }
      append_utf8(out, 0x10000 + ((m_high - 0xD800) << 10) + (unit - 0xDC00));
      m_high = 0;
    } else if (unit >= 0xD800 && unit < 0xDC00) {
      m_high = unit;
    } else if (unit >= 0xDC00 && unit < 0xE000) {
      m_error = fmt::format("an unpaired surrogate (0x{:04X})", static_cast<unsigned>(unit));
      return false;
    } else {
      append_utf8(out, unit);
    }
  }
}

bool Utf16Decoder::finish()
{
  if (!m_error.empty()) {
    return false;
  }
  if (m_pending_byte >= 0) {
    m_error = "an odd number of bytes (the last character is cut)";
    return false;
  }
  if (m_high != 0) {
    m_error = fmt::format("an unpaired surrogate (0x{:04X}) at the end", static_cast<unsigned>(m_high));
    return false;
  }
  return true;
}

bool utf16_to_utf8(std::string_view bytes, ByteOrder order, std::string& out, std::string& error)
{
  Utf16Decoder decoder(order);
  bool ok = decoder.decode(bytes, out) && decoder.finish();
  error = decoder.error();
  return ok;
}

} // namespace synth::util
