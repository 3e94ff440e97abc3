#include "synth/query/ast.hpp"

#include "synth/util/text.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace synth::query {

namespace {

// Tags as PubMed writes them (lower case here), mapped to the field synth honours.
const std::array<std::pair<const char*, Field>, 40> k_tags{{
  {"tiab", Field::tiab},
  {"ti", Field::ti},
  {"ab", Field::ab},
  {"tw", Field::tw},
  {"all", Field::all},
  {"au", Field::au},
  {"mh", Field::mh},
  {"majr", Field::majr},
  {"pt", Field::pt},
  {"la", Field::la},
  {"dp", Field::dp},
  {"ta", Field::ta},
  {"ot", Field::ot},
  {"title/abstract", Field::tiab},
  {"title", Field::ti},
  {"abstract", Field::ab},
  {"text word", Field::tw},
  {"text words", Field::tw},
  {"all fields", Field::all},
  {"author", Field::au},
  {"auth", Field::au},
  {"1au", Field::au},
  {"lastau", Field::au},
  {"full author name", Field::au},
  {"mesh", Field::mh},
  {"mesh terms", Field::mh},
  {"mh:noexp", Field::mh},
  {"mesh:noexp", Field::mh},
  {"mesh major topic", Field::majr},
  {"majr:noexp", Field::majr},
  {"publication type", Field::pt},
  {"lang", Field::la},
  {"language", Field::la},
  {"pdat", Field::dp},
  {"publication date", Field::dp},
  {"date - publication", Field::dp},
  {"journal", Field::ta},
  {"jour", Field::ta},
  {"other term", Field::ot},
  {"kw", Field::ot},
}};

void collect_fields(const Node& node, std::vector<Field>& out)
{
  if (node.kind == Node::Kind::term || node.kind == Node::Kind::date_range) {
    if (std::find(out.begin(), out.end(), node.field) == out.end()) {
      out.push_back(node.field);
    }
  }
  if (node.kind == Node::Kind::date_range) {
    return;
  }
  for (const auto& child : node.children) {
    collect_fields(*child, out);
  }
}

void render_to(const Node& node, std::string& out)
{
  switch (node.kind) {
  case Node::Kind::term:
    if (node.is_phrase) {
      out += '"';
      out += node.text;
      out += '"';
    } else {
      out += node.text;
    }
    if (!node.tag.empty()) {
      out += '[';
      out += node.tag;
      out += ']';
    }
    return;
  case Node::Kind::date_range:
    if (node.compact) {
      out += node.text;
      out += '[';
      out += node.tag;
      out += ']';
    } else {
      render_to(*node.children[0], out);
      out += " : ";
      render_to(*node.children[1], out);
    }
    return;
  case Node::Kind::op_and:
  case Node::Kind::op_or:
  case Node::Kind::op_not:
    render_to(*node.children[0], out);
    out += node.kind == Node::Kind::op_and ? " AND " : node.kind == Node::Kind::op_or ? " OR " : " NOT ";
    render_to(*node.children[1], out);
    return;
  case Node::Kind::group:
  case Node::Kind::reference:
    out += '(';
    render_to(*node.children[0], out);
    out += ')';
    return;
  }
}

} // namespace

std::optional<Field> field_of_tag(std::string_view tag)
{
  auto key = util::to_lower(util::collapse_space(tag));
  for (const auto& [name, field] : k_tags) {
    if (key == name) {
      return field;
    }
  }
  return std::nullopt;
}

std::string_view field_name(Field field)
{
  for (const auto& [name, f] : k_tags) {
    if (f == field) {
      return name;
    }
  }
  return "";
}

const std::vector<std::string>& known_tags()
{
  static const std::vector<std::string> tags = [] {
    std::vector<std::string> v;
    for (const auto& entry : k_tags) {
      v.emplace_back(entry.first);
    }
    return v;
  }();
  return tags;
}

std::string render(const Node& node)
{
  std::string out;
  render_to(node, out);
  return out;
}

std::vector<Field> fields_used(const Node& node)
{
  std::vector<Field> out;
  collect_fields(node, out);
  return out;
}

} // namespace synth::query
