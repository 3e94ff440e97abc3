#include "synth/util/text.hpp"

#include "synth/util/utf.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace synth::util {

namespace {
bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
} // namespace

std::string_view trim(std::string_view s)
{
  while (!s.empty() && is_space(static_cast<unsigned char>(s.front()))) {
    s.remove_prefix(1);
  }
  while (!s.empty() && is_space(static_cast<unsigned char>(s.back()))) {
    s.remove_suffix(1);
  }
  return s;
}

std::string to_lower(std::string_view s)
{
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

std::string to_upper(std::string_view s)
{
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), upper);
  return out;
}

bool iequals(std::string_view a, std::string_view b)
{
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) {
      return false;
    }
  }
  return true;
}

bool istarts_with(std::string_view s, std::string_view prefix)
{
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

std::vector<std::string_view> split(std::string_view s, char sep)
{
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    auto pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      parts.push_back(s.substr(start));
      return parts;
    }
    parts.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

std::string join(const std::vector<std::string>& parts, std::string_view sep)
{
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) {
      out += sep;
    }
    out += parts[i];
  }
  return out;
}

namespace {
// True when `s` has no leading or trailing white space, no control white space and no
// two spaces in a row: collapse_space() would return it unchanged.
bool is_collapsed(std::string_view s)
{
  if (s.empty()) {
    return true;
  }
  if (is_space(static_cast<unsigned char>(s.front())) || is_space(static_cast<unsigned char>(s.back()))) {
    return false;
  }
  // Eight bytes at a time: any byte below 0x20 (tabs, line ends, \f, \v are among them)
  // or two spaces in a row, also across two words, end the fast path.
  const char* p = s.data();
  const std::size_t n = s.size();
  std::size_t i = 0;
  constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
  constexpr std::uint64_t k_highs = 0x8080808080808080ULL;
  constexpr std::uint64_t k_low7 = 0x7f7f7f7f7f7f7f7fULL;
  std::uint64_t carry = 0; // 0x80 when the previous word ended with a space
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (((w - k_ones * 0x20) & ~w & k_highs) != 0) {
      break;
    }
    std::uint64_t t = w ^ (k_ones * 0x20);
    std::uint64_t space = ~(((t & k_low7) + k_low7) | t | k_low7); // 0x80 in each space byte
    if ((space & (space >> 8)) != 0 || (carry & space) != 0) {
      return false;
    }
    carry = (space >> 56) & 0x80;
  }
  if (i > 0 && i < n && p[i - 1] == ' ' && p[i] == ' ') {
    return false;
  }
  for (; i < n; ++i) {
    auto c = static_cast<unsigned char>(p[i]);
    if ((c < 0x20 && is_space(c)) || (c == ' ' && i + 1 < n && p[i + 1] == ' ')) {
      return false;
    }
  }
  return true;
}
} // namespace

std::string collapse_space(std::string_view s)
{
  if (is_collapsed(s)) {
    return std::string(s);
  }
  std::string out(s);
  collapse_space_in_place(out);
  return out;
}

void collapse_space_in_place(std::string& s)
{
  if (is_collapsed(s)) {
    return;
  }
  char* o = s.data();
  char* const begin = o;
  bool pending = false;
  for (char c : s) {
    if (is_space(static_cast<unsigned char>(c))) {
      pending = o != begin;
    } else {
      if (pending) {
        *o++ = ' ';
        pending = false;
      }
      *o++ = c; // never ahead of the read position
    }
  }
  s.resize(static_cast<std::size_t>(o - begin));
}

std::string strip_markup(std::string_view s)
{
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') {
      auto end = s.find('>', i);
      // Only a tag-like run (<i>, </sup>, <mml:mi ...>) is markup; "a < b" is text.
      if (end != std::string_view::npos && i + 1 < s.size()
          && (std::isalpha(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '/')) {
        i = end;
        continue;
      }
    }
    out += s[i];
  }
  return collapse_space(out);
}

std::optional<std::size_t> find_invalid_utf8(std::string_view s)
{
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII, the bulk of every export, sixteen bytes at a time.
    while (i + 16 <= n) {
      std::uint64_t a;
      std::uint64_t b;
      std::memcpy(&a, p + i, 8);
      std::memcpy(&b, p + i + 8, 8);
      if (((a | b) & 0x8080808080808080ULL) != 0) {
        break;
      }
      i += 16;
    }
    if (i >= n) {
      break;
    }
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) {
      return i;
    }
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) {
        return i;
      }
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF
        || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return i;
    }
    i += len;
  }
  return std::nullopt;
}

std::size_t line_of(std::string_view s, std::size_t pos)
{
  pos = std::min(pos, s.size());
  std::size_t line = 1;
  for (std::size_t i = 0; i < pos; ++i) {
    if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n'))) {
      ++line;
    }
  }
  return line;
}

std::string fold(std::string_view s)
{
  // ASCII fast path (the common case): letters and digits lower-cased, anything else
  // separates words. Gives the same result as the Unicode path below.
  if (std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    std::string result;
    result.reserve(s.size());
    bool pending = false;
    for (char c : s) {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        if (pending) {
          result += ' ';
          pending = false;
        }
        result += lower(c);
      } else {
        pending = !result.empty();
      }
    }
    return result;
  }
  utf8proc_uint8_t* folded = nullptr;
  auto options = static_cast<utf8proc_option_t>(UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK
                                                | UTF8PROC_DECOMPOSE | UTF8PROC_IGNORE);
  auto len = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()),
                          &folded, options);
  std::string out;
  if (len < 0) {
    // Invalid UTF-8: fall back to ASCII lower case.
    out = to_lower(s);
  } else {
    out.assign(reinterpret_cast<char*>(folded), static_cast<std::size_t>(len));
    std::free(folded);
  }
  // Keep letters and digits (any script); everything else separates words.
  std::string result;
  result.reserve(out.size());
  bool pending = false;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(out.data());
  utf8proc_ssize_t i = 0;
  const auto n = static_cast<utf8proc_ssize_t>(out.size());
  while (i < n) {
    utf8proc_int32_t cp = 0;
    auto step = utf8proc_iterate(p + i, n - i, &cp);
    if (step <= 0) {
      ++i;
      continue;
    }
    i += step;
    auto cat = utf8proc_category(cp);
    bool keep = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO)
                || (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
    if (!keep) {
      pending = !result.empty();
      continue;
    }
    if (pending) {
      result += ' ';
      pending = false;
    }
    append_utf8(result, static_cast<char32_t>(cp));
  }
  return result;
}

std::string remove_invisible(std::string_view s)
{
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xC2 && i + 1 < s.size()) {
      auto d = static_cast<unsigned char>(s[i + 1]);
      if (d == 0xA0) { // no-break space
        out += ' ';
        ++i;
        continue;
      }
      if (d == 0xAD) { // soft hyphen
        ++i;
        continue;
      }
    }
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
      auto d = static_cast<unsigned char>(s[i + 2]);
      if (d >= 0x8B && d <= 0x8F) { // U+200B-U+200F
        i += 2;
        continue;
      }
    }
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x81
        && static_cast<unsigned char>(s[i + 2]) == 0xA0) { // U+2060 word joiner
      i += 2;
      continue;
    }
    if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBB
        && static_cast<unsigned char>(s[i + 2]) == 0xBF) { // U+FEFF
      i += 2;
      continue;
    }
    out += s[i];
  }
  return out;
}

std::string decode_entities(std::string_view s)
{
  if (s.find('&') == std::string_view::npos) {
    return std::string(s);
  }
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    auto semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += s[i];
      continue;
    }
    auto name = s.substr(i + 1, semi - i - 1);
    std::uint32_t cp = 0;
    if (name == "amp") {
      cp = '&';
    } else if (name == "lt") {
      cp = '<';
    } else if (name == "gt") {
      cp = '>';
    } else if (name == "quot") {
      cp = '"';
    } else if (name == "apos") {
      cp = '\'';
    } else if (name == "nbsp") {
      cp = 0xA0;
    } else if (name.size() > 1 && name[0] == '#') {
      char* end = nullptr;
      std::string digits(name.substr(1));
      if (!digits.empty() && (digits[0] == 'x' || digits[0] == 'X')) {
        cp = static_cast<std::uint32_t>(std::strtoul(digits.c_str() + 1, &end, 16));
      } else {
        cp = static_cast<std::uint32_t>(std::strtoul(digits.c_str(), &end, 10));
      }
      if (!end || *end != '\0' || cp == 0) {
        out += s[i];
        continue;
      }
    } else {
      out += s[i];
      continue;
    }
    append_utf8(out, static_cast<char32_t>(cp));
    i = semi;
  }
  return out;
}

} // namespace synth::util
