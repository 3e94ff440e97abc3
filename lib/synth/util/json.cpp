#include "synth/util/json.hpp"

#include "synth/util/text.hpp"

#include <algorithm>
#include <type_traits>

namespace synth::util {

namespace {

using nlohmann::json;
using DomParser = nlohmann::detail::json_sax_dom_parser<json>;

// Builds the document with the library's own DOM builder and keeps, instead of throwing,
// the position and message of the first failure; also bounds the nesting depth.
class LocatingSax
{
public:
  explicit LocatingSax(json& out) : m_dom(out, false) {}

  bool null() { return m_dom.null(); }
  bool boolean(bool v) { return m_dom.boolean(v); }
  bool number_integer(json::number_integer_t v) { return m_dom.number_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) { return m_dom.number_unsigned(v); }
  bool number_float(json::number_float_t v, const json::string_t& s) { return m_dom.number_float(v, s); }
  bool string(json::string_t& v) { return m_dom.string(v); }
  bool binary(json::binary_t& v) { return m_dom.binary(v); }
  bool key(json::string_t& v) { return m_dom.key(v); }
  bool start_object(std::size_t n) { return enter() && m_dom.start_object(n); }
  bool end_object()
  {
    --m_depth;
    return m_dom.end_object();
  }
  bool start_array(std::size_t n) { return enter() && m_dom.start_array(n); }
  bool end_array()
  {
    --m_depth;
    return m_dom.end_array();
  }

  template <class Exception>
  bool parse_error(std::size_t position, const std::string& last_token, const Exception& ex)
  {
    if (!m_failure) {
      // A syntax error is named where the lexer stopped; a number out of range at the
      // number's first byte (the lexer has read the whole token).
      std::size_t at = position;
      if constexpr (std::is_same_v<Exception, nlohmann::detail::out_of_range>) {
        at = position > last_token.size() ? position - last_token.size() + 1 : 1;
      }
      m_failure = JsonFailure{at, 1, 1, describe(ex.what())};
    }
    return false;
  }

  // The position of a depth failure is only known to the lexer; the caller finds it.
  bool too_deep() const { return m_too_deep; }
  std::optional<JsonFailure>& failure() { return m_failure; }

private:
  bool enter()
  {
    if (++m_depth > k_json_max_depth) {
      m_too_deep = true;
      return false;
    }
    return true;
  }

  // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while
  // parsing value - invalid literal; last read: 'x'" -> "syntax error while parsing value
  // - invalid literal; last read: 'x'" (the place is given separately).
  static std::string describe(std::string_view what)
  {
    if (what.starts_with("[json.exception.")) {
      if (auto p = what.find("] "); p != std::string_view::npos) {
        what.remove_prefix(p + 2);
      }
    }
    if (what.starts_with("parse error")) {
      if (auto p = what.find(": "); p != std::string_view::npos) {
        what.remove_prefix(p + 2);
      }
    }
    return std::string(what);
  }

  DomParser m_dom;
  std::size_t m_depth = 0;
  bool m_too_deep = false;
  std::optional<JsonFailure> m_failure;
};

// Byte offset of the first bracket that opens nesting level k_json_max_depth + 1.
std::size_t offset_of_depth_limit(std::string_view text)
{
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > k_json_max_depth) {
        return i;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return text.size();
}

} // namespace

std::optional<JsonFailure> parse_json(std::string_view text, nlohmann::json& out)
{
  out = json();
  LocatingSax sax(out);
  bool ok = false;
  try {
    ok = json::sax_parse(text.begin(), text.end(), &sax);
  } catch (const json::exception& e) {
    // The SAX interface reports errors through parse_error; this is a safety net.
    sax.failure() = JsonFailure{0, 1, 1, e.what()};
  }
  if (ok) {
    return std::nullopt;
  }
  JsonFailure failure;
  if (sax.too_deep()) {
    failure.offset = offset_of_depth_limit(text);
    failure.message = "arrays and objects nested more than " + std::to_string(k_json_max_depth) + " deep";
  } else if (sax.failure()) {
    failure = *sax.failure();
  } else {
    failure.message = "malformed JSON";
  }
  // The library counts the character it stopped at; the offset names the one before it.
  if (failure.offset > 0 && !sax.too_deep()) {
    --failure.offset;
  }
  failure.offset = std::min(failure.offset, text.size());
  failure.line = line_of(text, failure.offset);
  std::size_t line_start = failure.offset;
  while (line_start > 0 && text[line_start - 1] != '\n' && text[line_start - 1] != '\r') {
    --line_start;
  }
  failure.column = failure.offset - line_start + 1;
  out = json();
  return failure;
}

std::string dump_json(const nlohmann::json& value, int indent)
{
  return value.dump(indent, ' ', false, json::error_handler_t::replace);
}

} // namespace synth::util
