#include "synth/store/record_codec.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace synth::store {

void append_json_string(std::string& out, std::string_view s)
{
  out += '"';
  // Runs of characters that need no escape are copied at once.
  std::size_t run = 0;
  while (run < s.size()) {
    auto c = static_cast<unsigned char>(s[run]);
    if (c < 0x20 || c == '"' || c == '\\') {
      break;
    }
    ++run;
  }
  out.append(s.substr(0, run));
  s.remove_prefix(run);
  for (char c : s) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        out += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
      } else {
        out += c;
      }
    }
  }
  out += '"';
}

std::string encode_authors(const std::vector<Author>& authors)
{
  if (authors.empty()) {
    return {};
  }
  std::string out = "[";
  for (std::size_t i = 0; i < authors.size(); ++i) {
    if (i) {
      out += ',';
    }
    out += '[';
    append_json_string(out, authors[i].family);
    out += ',';
    append_json_string(out, authors[i].given);
    out += ']';
  }
  out += ']';
  return out;
}

std::string encode_list(const std::vector<std::string>& items)
{
  if (items.empty()) {
    return {};
  }
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) {
      out += ',';
    }
    append_json_string(out, items[i]);
  }
  out += ']';
  return out;
}

std::vector<Author> decode_authors(std::string_view text)
{
  std::vector<Author> out;
  if (text.empty()) {
    return out;
  }
  auto doc = nlohmann::json::parse(text, nullptr, false);
  if (!doc.is_array()) {
    return out;
  }
  for (const auto& a : doc) {
    if (a.is_array() && a.size() == 2) {
      out.push_back({a[0].get<std::string>(), a[1].get<std::string>()});
    }
  }
  return out;
}

std::vector<std::string> decode_list(std::string_view text)
{
  std::vector<std::string> out;
  if (text.empty()) {
    return out;
  }
  auto doc = nlohmann::json::parse(text, nullptr, false);
  if (!doc.is_array()) {
    return out;
  }
  for (const auto& item : doc) {
    if (item.is_string()) {
      out.push_back(item.get<std::string>());
    }
  }
  return out;
}

} // namespace synth::store
