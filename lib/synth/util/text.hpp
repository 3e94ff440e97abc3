#pragma once
// Small text helpers. Depends on nothing of synth.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace synth::util {

std::string_view trim(std::string_view s);
std::string to_lower(std::string_view s);             // ASCII only
std::string to_upper(std::string_view s);             // ASCII only
bool iequals(std::string_view a, std::string_view b); // ASCII case-insensitive
bool istarts_with(std::string_view s, std::string_view prefix);
std::vector<std::string_view> split(std::string_view s, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
// Collapses runs of white space to one space and trims.
std::string collapse_space(std::string_view s);
void collapse_space_in_place(std::string& s); // the same, without a copy when s is clean
// Removes the characters that print as nothing (zero-width space U+200B, zero-width
// non-joiner and joiner, left-to-right and right-to-left marks, word joiner U+2060, the byte
// order mark U+FEFF, soft hyphen U+00AD) and makes no-break spaces (U+00A0) spaces. Exports
// leave them in names ("APA PsycInfo" with a zero-width space is another string).
std::string remove_invisible(std::string_view s);

// Removes <tags> (inline XML/HTML markup such as <i> or MathML) and collapses space.
std::string strip_markup(std::string_view s);

// Byte offset of the first invalid UTF-8 sequence, or nullopt when the text is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view s);
// 1-based line number of byte offset `pos` in `s`.
std::size_t line_of(std::string_view s, std::size_t pos);

// Unicode folding for comparison: NFKD, case folded, accents and punctuation removed,
// white space collapsed. "Über-Größe, Café!" -> "uber grosse cafe".
std::string fold(std::string_view s);

// Decodes the few XML/HTML entities that exports leave in text (&amp; &lt; &#233; ...).
std::string decode_entities(std::string_view s);

} // namespace synth::util
