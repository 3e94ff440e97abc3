#pragma once
// JSON parsing that says where it failed. Every JSON reader of synth (files, API answers,
// counts files) parses through here, so that no exception of the JSON library escapes:
// a syntax error, a number too large for a double ("164e9035733925") or nesting deeper
// than k_json_max_depth all come back as a failure with its byte offset, line and column,
// which the caller turns into a located synth::Error.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace synth::util {

// Arrays and objects nested deeper than this are refused (no real answer nests past ~10;
// the limit keeps recursion in dump() and in readers far from the stack's end).
inline constexpr std::size_t k_json_max_depth = 1000;

struct JsonFailure
{
  std::size_t offset = 0; // byte offset of the failure in the text
  std::size_t line = 1;   // 1-based
  std::size_t column = 1; // 1-based, in bytes
  std::string message;    // "number overflow parsing '164e9035733925'", lower case
};

// Parses `text` into `out`. Returns the failure, or nullopt when the text is one valid
// JSON document. Never throws a JSON library exception.
std::optional<JsonFailure> parse_json(std::string_view text, nlohmann::json& out);

// Serialises without throwing: invalid UTF-8 inside strings is replaced by U+FFFD.
std::string dump_json(const nlohmann::json& value, int indent = -1);

} // namespace synth::util
