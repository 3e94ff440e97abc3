#include "synth/formats/xml_text.hpp"

#include "synth/formats/stream.hpp"
#include "synth/util/input.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>

namespace synth::formats::xml {

namespace {

constexpr std::size_t k_chunk = 1 << 20;

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

bool is_name_end(char c) { return is_space(c) || c == '>' || c == '/'; }

std::int64_t count_newlines(const char* p, const char* end)
{
  // Eight bytes at a time: a byte of (word ^ "\n\n...") is zero where a newline is.
  constexpr std::uint64_t k_nl = 0x0a0a0a0a0a0a0a0aULL;
  constexpr std::uint64_t k_low7 = 0x7f7f7f7f7f7f7f7fULL;
  std::int64_t n = 0;
  while (end - p >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    std::uint64_t t = w ^ k_nl;
    std::uint64_t zero = ~(((t & k_low7) + k_low7) | t | k_low7); // 0x80 per newline
    n += static_cast<std::int64_t>(((zero >> 7) * 0x0101010101010101ULL) >> 56);
    p += 8;
  }
  for (; p < end; ++p) {
    n += *p == '\n';
  }
  return n;
}

// Position of `tag` ("<Name" or "</Name") at or after `from` where the name is complete
// (followed by white space, '>' or '/'), or npos. A match cut by the end of `text` is not
// reported: the caller reads more and searches again from a little before the end.
std::size_t find_tag(std::string_view text, std::size_t from, std::string_view tag)
{
  while (from < text.size()) {
    const void* hit = memmem(text.data() + from, text.size() - from, tag.data(), tag.size());
    if (!hit) {
      return std::string_view::npos;
    }
    std::size_t at = static_cast<std::size_t>(static_cast<const char*>(hit) - text.data());
    std::size_t after = at + tag.size();
    if (after >= text.size()) {
      return std::string_view::npos;
    }
    if (is_name_end(text[after])) {
      return at;
    }
    from = at + 1;
  }
  return std::string_view::npos;
}

bool only_space(std::string_view s) { return std::all_of(s.begin(), s.end(), is_space); }

} // namespace

std::optional<std::size_t> too_deep(std::string_view text, int max_depth)
{
  int depth = 0;
  std::size_t i = 0;
  while (true) {
    auto lt = text.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= text.size()) {
      return std::nullopt;
    }
    char next = text[lt + 1];
    std::string_view rest = text.substr(lt);
    std::size_t close = std::string_view::npos;
    if (rest.substr(0, 4) == "<!--") {
      close = text.find("-->", lt + 4);
      close = close == std::string_view::npos ? close : close + 2;
    } else if (rest.substr(0, 9) == "<![CDATA[") {
      close = text.find("]]>", lt + 9);
      close = close == std::string_view::npos ? close : close + 2;
    } else {
      close = text.find('>', lt + 1);
    }
    if (close == std::string_view::npos) {
      return std::nullopt;
    }
    if (next == '/') {
      --depth;
    } else if (next != '!' && next != '?' && text[close - 1] != '/') {
      if (++depth > max_depth) {
        return lt;
      }
    }
    i = close + 1;
  }
}

namespace {

} // namespace

ElementScanner::ElementScanner(std::string_view text, const ScanRules& rules, ReadContext& ctx)
  : m_rules(rules), m_ctx(ctx), m_view(text), m_eof(true)
{
  auto stripped = util::strip_bom(text);
  m_pos = m_counted = text.size() - stripped.size();
}

ElementScanner::ElementScanner(util::InputStream& in, const ScanRules& rules, ReadContext& ctx)
  : m_rules(rules), m_ctx(ctx), m_in(&in)
{
  fill();
  if (m_view.substr(0, 3) == "\xEF\xBB\xBF") {
    m_pos = m_counted = 3;
  }
}

void ElementScanner::count_to(std::size_t pos)
{
  if (pos > m_counted) {
    m_line += count_newlines(m_view.data() + m_counted, m_view.data() + pos);
    m_counted = pos;
  }
}

bool ElementScanner::fill()
{
  if (m_eof || !m_in) {
    return false;
  }
  count_to(m_pos);
  std::size_t keep = m_size - m_pos;
  if (keep > k_max_record) {
    // An element (or comment, or text) that never ends: memory would grow with the file.
    m_ctx.fail(m_line, fmt::format("more than {} MB without the end of this XML element; a record larger than "
                                   "the limit of synth, or a damaged file",
                                   k_max_record >> 20));
  }
  if (keep > 0 && m_pos > 0) {
    std::memmove(m_data.get(), m_data.get() + m_pos, keep);
  }
  m_counted -= m_pos;
  m_pos = 0;
  m_size = keep;
  if (m_capacity - m_size < k_chunk) {
    // Only an element larger than a chunk makes the buffer grow.
    std::size_t capacity = std::max(2 * m_capacity, m_size + k_chunk);
    auto data = std::make_unique<char[]>(capacity);
    if (m_size > 0) {
      std::memcpy(data.get(), m_data.get(), m_size);
    }
    m_data = std::move(data);
    m_capacity = capacity;
  }
  std::size_t got = m_in->read(m_data.get() + m_size, k_chunk);
  if (const void* nul = std::memchr(m_data.get() + m_size, '\0', got)) {
    // A binary file or /dev/zero: never XML, and it may never end.
    auto at = static_cast<std::size_t>(static_cast<const char*>(nul) - m_data.get());
    m_view = std::string_view(m_data.get(), m_size + got);
    count_to(at);
    m_ctx.fail(m_line, "NUL byte in the text: this is a binary file, not an export synth reads");
  }
  m_size += got;
  m_view = std::string_view(m_data.get(), m_size);
  if (got == 0) {
    m_eof = true;
    return false;
  }
  return true;
}

bool ElementScanner::ensure(std::size_t n)
{
  while (m_view.size() - m_pos < n) {
    if (!fill()) {
      return false;
    }
  }
  return true;
}

bool ElementScanner::skip_past(std::string_view terminator)
{
  std::size_t from = 0; // relative to m_pos, which fill() may move
  for (;;) {
    auto at = m_view.find(terminator, m_pos + from);
    if (at != std::string_view::npos) {
      m_pos = at + terminator.size();
      return true;
    }
    std::size_t have = m_view.size() - m_pos;
    from = have >= terminator.size() ? have - terminator.size() + 1 : 0;
    if (!fill()) {
      m_pos = m_view.size();
      return false;
    }
  }
}

std::string_view ElementScanner::wanted(std::string_view name) const
{
  for (auto w : m_rules.elements) {
    if (w == name) {
      return w;
    }
  }
  return {};
}

void ElementScanner::check_root(std::string_view name)
{
  if (m_root_seen) {
    return;
  }
  m_root_seen = true;
  if (!wanted(name).empty()) {
    return;
  }
  for (auto r : m_rules.roots) {
    if (r == name) {
      return;
    }
  }
  count_to(m_pos);
  m_ctx.fail(m_line, fmt::format("not {} file: root element is <{}>", m_rules.format, name));
}

bool ElementScanner::next(Element& out)
{
  for (;;) {
    const char* base = m_view.data();
    const void* lt = m_pos < m_view.size() ? std::memchr(base + m_pos, '<', m_view.size() - m_pos) : nullptr;
    std::size_t end = lt ? static_cast<std::size_t>(static_cast<const char*>(lt) - base) : m_view.size();
    if (!m_root_seen && !only_space(m_view.substr(m_pos, end - m_pos))) {
      auto text_at = m_view.find_first_not_of(" \t\r\n", m_pos);
      count_to(text_at);
      m_ctx.fail(m_line, fmt::format("not {} file: text before the root element", m_rules.format));
    }
    m_pos = end;
    if (!lt) {
      if (!fill()) {
        if (!m_root_seen) {
          count_to(m_pos);
          m_ctx.fail(m_line, fmt::format("not {} file: no XML element found", m_rules.format));
        }
        return false;
      }
      continue;
    }
    ensure(10);
    std::string_view rest = m_view.substr(m_pos);
    if (rest.substr(0, 4) == "<!--") {
      skip_past("-->");
      continue;
    }
    if (rest.substr(0, 9) == "<![CDATA[") {
      skip_past("]]>");
      continue;
    }
    if (rest.substr(0, 2) == "<?") {
      skip_past("?>");
      continue;
    }
    if (rest.substr(0, 2) == "<!") {
      // DOCTYPE, possibly with an internal subset in brackets.
      auto close = rest.find_first_of("[>");
      while (close == std::string_view::npos && fill()) {
        close = m_view.substr(m_pos).find_first_of("[>");
      }
      if (close != std::string_view::npos && m_view[m_pos + close] == '[') {
        skip_past("]");
      }
      skip_past(">");
      continue;
    }
    if (rest.substr(0, 2) == "</") {
      skip_past(">");
      continue;
    }
    // A start tag: read its name.
    std::size_t name_end = m_pos + 1;
    for (;;) {
      while (name_end < m_view.size() && !is_name_end(m_view[name_end])) {
        ++name_end;
      }
      if (name_end < m_view.size()) {
        break;
      }
      std::size_t rel = name_end - m_pos;
      if (!fill()) {
        break;
      }
      name_end = m_pos + rel;
    }
    std::string_view name = m_view.substr(m_pos + 1, name_end - m_pos - 1);
    check_root(name);
    std::string_view want = wanted(name);
    if (want.empty()) {
      skip_past(">");
      continue;
    }
    if (cut_element(want, out)) {
      return true;
    }
  }
}

bool ElementScanner::cut_element(std::string_view name, Element& out)
{
  count_to(m_pos);
  const std::int64_t start_line = m_line;
  const std::string end_tag = fmt::format("</{}", name);
  std::size_t from = 1; // relative to m_pos (the element's '<'), which fill() may move
  std::size_t close = std::string_view::npos;
  for (;;) {
    auto at = find_tag(m_view, m_pos + from, end_tag);
    if (at != std::string_view::npos) {
      close = m_view.find('>', at);
      if (close != std::string_view::npos) {
        break;
      }
    }
    std::size_t have = m_view.size() - m_pos;
    from = have > end_tag.size() + 1 ? have - end_tag.size() - 1 : 1;
    if (!fill()) {
      break;
    }
  }
  ++m_count;
  if (close == std::string_view::npos) {
    // Unterminated at the end of the input: a wrong end tag (reported by pugixml at its
    // line) or a file cut short.
    Element partial{name, m_view.substr(m_pos), start_line};
    pugi::xml_document doc;
    std::int64_t line = 0;
    std::string reason;
    std::size_t offset = 0;
    m_pos = m_view.size();
    count_to(m_pos);
    // pugixml reports a text cut short at its last byte, a wrong end tag before it.
    if (!parse_element(partial, doc, m_scratch, line, reason, &offset) && offset + 1 < partial.text.size()) {
      m_ctx.bad_record(line, reason);
    } else {
      m_ctx.bad_record(m_line, fmt::format("unexpected end of file inside {} (started at line {})", name, start_line));
    }
    return false;
  }
  out.name = name;
  out.text = m_view.substr(m_pos, close + 1 - m_pos);
  out.line = start_line;
  m_pos = close + 1;
  return true;
}

bool ElementScanner::parse(const Element& element, pugi::xml_document& doc)
{
  std::int64_t line = 0;
  std::string reason;
  if (auto deep = too_deep(element.text, k_max_depth)) {
    // Refused before pugixml builds the tree: code that walks it recurses.
    m_ctx.bad_record(element.line + count_newlines(element.text.data(), element.text.data() + *deep),
                     fmt::format("XML nested deeper than {} elements in {}", k_max_depth, element.name));
    return false;
  }
  if (m_in) {
    // A text in memory was checked by its caller (formats::read_text); a stream is
    // checked here, one element at a time.
    if (auto bad = util::find_invalid_utf8(element.text)) {
      line = element.line + count_newlines(element.text.data(), element.text.data() + *bad);
      m_ctx.fail(line, fmt::format("not valid UTF-8 (byte 0x{:02X}); convert the file to UTF-8, "
                                   "e.g. iconv -f WINDOWS-1252 -t UTF-8",
                                   static_cast<unsigned char>(element.text[*bad])));
    }
  }
  if (parse_element(element, doc, m_scratch, line, reason)) {
    return true;
  }
  // A start tag of the same name inside: this element lacks its end tag. Resume there
  // (the element's text is still in the buffer), so the next record is not lost.
  auto again = find_tag(element.text, 1 + element.name.size(), fmt::format("<{}", element.name));
  if (again != std::string_view::npos && element.text.data() + element.text.size() == m_view.data() + m_pos) {
    m_pos = m_pos - element.text.size() + again;
    count_to(m_pos);
    m_ctx.bad_record(element.line, fmt::format("malformed XML in {0}: no end tag before the next "
                                               "<{0}> at line {1}",
                                               element.name, m_line));
    return false;
  }
  m_ctx.bad_record(line, reason);
  return false;
}

bool parse_element(const Element& element, pugi::xml_document& doc, std::string& scratch, std::int64_t& line,
                   std::string& reason, std::size_t* error_offset)
{
  scratch.assign(element.text);
  auto result = doc.load_buffer_inplace(scratch.data(), scratch.size(), pugi::parse_default | pugi::parse_ws_pcdata,
                                        pugi::encoding_utf8);
  if (result) {
    return true;
  }
  auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0));
  offset = std::min(offset, element.text.size());
  if (error_offset) {
    *error_offset = offset;
  }
  line = element.line + count_newlines(element.text.data(), element.text.data() + offset);
  reason = fmt::format("malformed XML in {}: {}", element.name, util::to_lower(result.description()));
  return false;
}

namespace {
void append_text(pugi::xml_node node, std::string& out)
{
  for (auto child = node.first_child(); child; child = child.next_sibling()) {
    auto type = child.type();
    if (type == pugi::node_pcdata || type == pugi::node_cdata) {
      out += child.value();
    } else if (type == pugi::node_element) {
      std::string_view name = child.name();
      if (name.find("annotation") != std::string_view::npos) {
        continue;
      }
      append_text(child, out);
    }
  }
}
} // namespace

std::string flatten(pugi::xml_node node)
{
  // Fast path: a single text child (most fields).
  auto first = node.first_child();
  if (first && !first.next_sibling() && first.type() == pugi::node_pcdata) {
    return util::collapse_space(first.value()); // returns a plain copy when clean
  }
  std::string out;
  append_text(node, out);
  return util::collapse_space(out);
}

std::string child_text(pugi::xml_node node, const char* name)
{
  auto child = node.child(name);
  return child ? flatten(child) : std::string();
}

pugi::xml_node path(pugi::xml_node node, std::initializer_list<const char*> names)
{
  for (const char* n : names) {
    if (!node) {
      break;
    }
    node = node.child(n);
  }
  return node;
}

} // namespace synth::formats::xml
