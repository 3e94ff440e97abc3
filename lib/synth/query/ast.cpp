#include "synth/query/ast.hpp"

#include <algorithm>
#include <unordered_set>

namespace synth::query {

namespace {

std::string_view op_text(const Operator& op)
{
  if (op.implicit) {
    return " ";
  }
  if (op.near) {
    return " NEAR "; // never PubMed's: other platforms' trees are written by translate.hpp
  }
  switch (op.op) {
  case Op::op_and:
    return " AND ";
  case Op::op_or:
    return " OR ";
  case Op::op_not:
    return " NOT ";
  }
  return " ";
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
  case Node::Kind::chain:
    render_to(*node.children[0], out);
    for (std::size_t i = 0; i < node.ops.size(); ++i) {
      out += op_text(node.ops[i]);
      render_to(*node.children[i + 1], out);
    }
    return;
  case Node::Kind::group:
  case Node::Kind::reference: // a group with limits: other platforms' trees, written by platforms.hpp
    out += '(';
    render_to(*node.children[0], out);
    out += ')';
    return;
  }
}

bool same_kind(Node::Kind a, Node::Kind b)
{
  auto norm = [](Node::Kind k) { return k == Node::Kind::reference ? Node::Kind::group : k; };
  return norm(a) == norm(b);
}

void collect_tags(const Node& node, std::vector<std::string>& out, std::unordered_set<const Node*>& seen)
{
  if (node.kind == Node::Kind::term || node.kind == Node::Kind::date_range) {
    auto name = std::string(tag_name(node));
    if (std::find(out.begin(), out.end(), name) == out.end()) {
      out.push_back(std::move(name));
    }
    return;
  }
  if (node.kind == Node::Kind::reference && !seen.insert(node.children[0].get()).second) {
    return;
  }
  for (const auto& child : node.children) {
    collect_tags(*child, out, seen);
  }
}

} // namespace

std::string_view tag_name(const Node& term)
{
  return term.tag_info == nullptr ? std::string_view() : term.tag_info->name;
}

std::string render(const Node& node)
{
  std::string out;
  render_to(node, out);
  return out;
}

bool same_tree(const Node& a, const Node& b)
{
  if (!same_kind(a.kind, b.kind) || a.children.size() != b.children.size()) {
    return false;
  }
  switch (a.kind) {
  case Node::Kind::term:
    if (a.text != b.text || a.is_phrase != b.is_phrase || a.truncated != b.truncated || a.tag != b.tag
        || a.tag_info != b.tag_info || !(a.fields == b.fields)) {
      return false;
    }
    if (a.heading.has_value() != b.heading.has_value() || a.proximity.has_value() != b.proximity.has_value()) {
      return false;
    }
    if (a.heading
        && (a.heading->explode != b.heading->explode || a.heading->major != b.heading->major
            || a.heading->subheading != b.heading->subheading)) {
      return false;
    }
    if (a.proximity && a.proximity->max_words_between != b.proximity->max_words_between) {
      return false;
    }
    if (a.heading && a.heading->vocabulary != b.heading->vocabulary) {
      return false;
    }
    if (a.wildcards.size() != b.wildcards.size()) {
      return false;
    }
    for (std::size_t i = 0; i < a.wildcards.size(); ++i) {
      if (a.wildcards[i].kind != b.wildcards[i].kind
          || a.wildcards[i].max_characters != b.wildcards[i].max_characters) {
        return false;
      }
    }
    break;
  case Node::Kind::date_range:
    if (a.compact != b.compact || (a.compact && a.text != b.text) || a.tag != b.tag) {
      return false;
    }
    break;
  case Node::Kind::chain:
    if (a.ops.size() != b.ops.size()) {
      return false;
    }
    for (std::size_t i = 0; i < a.ops.size(); ++i) {
      if (a.ops[i].op != b.ops[i].op || a.ops[i].implicit != b.ops[i].implicit
          || a.ops[i].near.has_value() != b.ops[i].near.has_value()) {
        return false;
      }
      if (a.ops[i].near
          && (a.ops[i].near->max_words_between != b.ops[i].near->max_words_between
              || a.ops[i].near->ordered != b.ops[i].near->ordered)) {
        return false;
      }
    }
    break;
  case Node::Kind::reference:
    if (a.kind == b.kind && a.reference != b.reference) {
      return false;
    }
    break;
  case Node::Kind::group:
    if (a.limits.size() != b.limits.size()) {
      return false;
    }
    for (std::size_t i = 0; i < a.limits.size(); ++i) {
      const auto& x = a.limits[i];
      const auto& y = b.limits[i];
      if (x.kind != y.kind || x.from != y.from || x.to != y.to || x.languages != y.languages || x.text != y.text) {
        return false;
      }
    }
    break;
  }
  for (std::size_t i = 0; i < a.children.size(); ++i) {
    if (!same_tree(*a.children[i], *b.children[i])) {
      return false;
    }
  }
  return true;
}

std::vector<std::string> tags_used(const Node& node)
{
  std::vector<std::string> out;
  std::unordered_set<const Node*> seen;
  collect_tags(node, out, seen);
  return out;
}

} // namespace synth::query
