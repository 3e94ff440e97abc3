#include "synth/screen/text_match.hpp"

#include "synth/query/evaluate.hpp"
#include "synth/query/parser.hpp"

#include <fmt/format.h>
#include <ranges>

#include <vector>

namespace synth::screen {

namespace {

// The field tag of one term, refused, naming its column.
void reject_tag(const query::Node& node, std::string_view text, const std::string& label, int line, int col)
{
  if (node.kind == query::Node::Kind::term && !node.tag.empty()) {
    std::string written = "[" + node.tag + "]";
    int at = node.col;
    std::size_t from = 0;
    for (int c = col; c < node.col && from < text.size(); ++from) {
      c += (static_cast<unsigned char>(text[from]) & 0xC0) != 0x80; // characters, not bytes
    }
    if (auto pos = text.find(written, from); pos != std::string_view::npos) {
      at = col + query::count_chars(text.substr(0, pos));
    }
    query::fail_at(label, line, at,
                   fmt::format("field tag {} is not accepted here, expected a word or a \"phrase\" (the criterion "
                               "names the field: title, abstract or title-abstract)",
                               written));
  }
}

// Refuses field tags, naming the tag's column: `title matches x[ab]` would mean nothing.
// Walks the tree with a stack of its own (no recursion as deep as the expression).
void reject_tags(const query::Node& root, std::string_view text, const std::string& label, int line, int col)
{
  std::vector<const query::Node*> todo{&root};
  while (!todo.empty()) {
    const query::Node& node = *todo.back();
    todo.pop_back();
    reject_tag(node, text, label, line, col);
    for (const auto& child : std::views::reverse(node.children)) {
      todo.push_back(child.get());
    }
  }
}

} // namespace

TextMatcher TextMatcher::parse(std::string_view text, const std::string& label, int line, int col)
{
  auto node = query::parse_expression(text, label, line, col - 1);
  reject_tags(*node, text, label, line, col);
  TextMatcher m;
  m.m_query = std::make_shared<const query::CompiledQuery>(*node);
  m.m_text = query::render(*node);
  return m;
}

bool TextMatcher::matches(TextField field, const Record& record) const
{
  switch (field) {
  case TextField::title:
    return m_query->matches_text(record.title);
  case TextField::abstract:
    return m_query->matches_text(record.abstract);
  case TextField::title_abstract:
    return m_query->matches(record);
  }
  return false;
}

} // namespace synth::screen
