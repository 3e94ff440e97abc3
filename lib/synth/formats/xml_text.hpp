#pragma once
// Helpers shared by the XML readers (PubMed XML, EndNote XML).
//
// Large XML exports are read one record element at a time: ElementScanner cuts the text
// of each wanted element (<PubmedArticle>...</PubmedArticle>, <record>...</record>) out of
// a file or a text without building a tree of the whole document, so memory stays bounded
// by the largest record, and the caller parses each element alone with pugixml.
#include "synth/formats/reader.hpp"

#include <pugixml.hpp>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace synth::util {
class InputStream;
}

namespace synth::formats::xml {

// What a scanner looks for in one kind of file.
struct ScanRules
{
  std::vector<std::string_view> elements; // cut these out (each one is one record or event)
  std::vector<std::string_view> roots;    // root elements that make the file this format
  std::string_view format;                // "a PubMed XML": named in "not ... file" errors
};

// One element cut out of a document.
struct Element
{
  std::string_view name; // which of ScanRules::elements
  std::string_view text; // "<Name ...>...</Name>"; valid until the next call of next()
  std::int64_t line = 0; // 1-based line where the element starts
};

class ElementScanner
{
public:
  ElementScanner(std::string_view text, const ScanRules& rules, ReadContext& ctx);
  ElementScanner(util::InputStream& in, const ScanRules& rules, ReadContext& ctx);

  // Finds the next wanted element; returns false at the end of the input.
  // Calls ctx.fail() when the input is not of the rules' format (a root element not in
  // rules.roots, text before the root, no element at all). An element left open at the
  // end of the input is reported with ctx.bad_record() (lenient: skipped) at the line of
  // the problem: a wrong end tag ("malformed XML in PubmedArticle: start-end tags
  // mismatch") or the end of a file cut short ("unexpected end of file inside
  // PubmedArticle (started at line N)").
  bool next(Element& out);

  // Parses an element just returned by next() with pugixml. Malformed XML is reported
  // with ctx.bad_record() at the line of the problem ("malformed XML in PubmedArticle:
  // <pugixml description>"), and false is returned. When the element lacks its end tag
  // (another start tag of the same name inside: "malformed XML in PubmedArticle: no end
  // tag before the next <PubmedArticle> at line N"), scanning resumes at that start tag.
  // When reading a stream, bytes that are not UTF-8 fail the file (ctx.fail) at their line
  // (a text in memory is checked by formats::read_text before it reaches a reader). An
  // element nested deeper than k_max_depth is a bad record at the line where it goes past.
  // A stream that holds more than k_max_record (stream.hpp) bytes without the end of an
  // element fails.
  bool parse(const Element& element, pugi::xml_document& doc);

  std::int64_t elements_seen() const { return m_count; }

private:
  bool fill();                // stream mode: drops the bytes before m_pos, reads more; false at the end
  bool ensure(std::size_t n); // at least n bytes after m_pos (false at the end)
  void count_to(std::size_t pos);
  bool skip_past(std::string_view terminator);
  void check_root(std::string_view name);
  bool cut_element(std::string_view name, Element& out);
  std::string_view wanted(std::string_view name) const;

  const ScanRules& m_rules;
  ReadContext& m_ctx;
  util::InputStream* m_in = nullptr;
  std::unique_ptr<char[]> m_data; // stream mode: bytes not yet consumed
  std::size_t m_size = 0;
  std::size_t m_capacity = 0;
  std::string m_scratch;     // copy of an element that pugixml parses in place
  std::string_view m_view;   // the text being scanned (m_buf or the caller's text)
  std::size_t m_pos = 0;     // scan position in m_view
  std::size_t m_counted = 0; // newlines counted up to here
  std::int64_t m_line = 1;   // line number at m_counted
  bool m_eof = false;
  bool m_root_seen = false;
  std::int64_t m_count = 0;
};

// Elements nested deeper than this in one record are refused (a bad record at the line of
// the element that goes past it), never a stack overflow: no real record comes near it.
inline constexpr int k_max_depth = 1000;

// Offset of the start tag that takes `text` deeper than `max_depth` elements, or nullopt.
std::optional<std::size_t> too_deep(std::string_view text, int max_depth);

// Parses one element's text with pugixml (in a reusable scratch buffer). On failure returns
// false and sets `line` (element line + offset of the problem) and `reason`
// ("malformed XML in PubmedArticle: <pugixml description>") and, when asked, the byte
// offset of the problem in element.text.
bool parse_element(const Element& element, pugi::xml_document& doc, std::string& scratch, std::int64_t& line,
                   std::string& reason, std::size_t* error_offset = nullptr);

// The text of a node and all its descendants, inline markup (<i>, <sup>, MathML) flattened,
// white space collapsed. MathML annotations are left out.
std::string flatten(pugi::xml_node node);

// Text of the first child element `name` of `node` (flattened); "" when absent.
std::string child_text(pugi::xml_node node, const char* name);

// The node at a path of child names ({"Article", "Journal", "Title"}); empty when absent.
pugi::xml_node path(pugi::xml_node node, std::initializer_list<const char*> names);

} // namespace synth::formats::xml
