#pragma once
// How list fields of a Record are kept in SQLite columns: JSON arrays, readable with
// SQLite's json functions (authors: [["Topor","Alain"], ...]; lists: ["a","b"]).
// An empty list is stored as '' so that the common case costs nothing.
#include "synth/core/record.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace synth::store {

std::string encode_authors(const std::vector<Author>& authors);
std::vector<Author> decode_authors(std::string_view text);
std::string encode_list(const std::vector<std::string>& items);
std::vector<std::string> decode_list(std::string_view text);
// Appends `s` as a JSON string literal (quotes included).
void append_json_string(std::string& out, std::string_view s);

} // namespace synth::store
