// One term searched in several fields, written once (platforms.hpp, merge_same_terms).
#include "synth/query/platforms.hpp"

#include "synth/util/text.hpp"

#include <map>

namespace synth::query {

namespace {

using Memo = std::map<const Node*, NodePtr>;

// A chain of OR only: its operands may be gathered in any order.
bool only_or(const Node& n)
{
  for (const auto& o : n.ops) {
    if (o.op != Op::op_or || o.implicit || o.near) {
      return false;
    }
  }
  return !n.ops.empty();
}

// A free-text term with fields: a heading, a proximity ([tiab:~2]) and an untagged term
// (PubMed's automatic term mapping, a platform's default fields) keep their own meaning.
bool mergeable(const Node& n) { return n.kind == Node::Kind::term && !n.heading && !n.proximity && !n.fields.empty(); }

bool same_wildcards(const std::vector<Wildcard>& a, const std::vector<Wildcard>& b)
{
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].kind != b[i].kind || a[i].at_end != b[i].at_end || a[i].max_characters != b[i].max_characters) {
      return false;
    }
  }
  return true;
}

// The same words, the same truncation and wildcards, both phrases or neither: the same
// search but for its fields (the text as written: `PiB or PIB` stays as the author wrote it).
bool same_words(const Node& a, const Node& b)
{
  return a.is_phrase == b.is_phrase && a.truncated == b.truncated && a.text == b.text
         && same_wildcards(a.wildcards, b.wildcards);
}

// `( x )` around one term (EBSCOhost's TI ( x )) is the term.
const NodePtr& bare(const NodePtr& n)
{
  if (n->kind == Node::Kind::group && n->limits.empty() && n->children.size() == 1
      && n->children[0]->kind == Node::Kind::term) {
    return n->children[0];
  }
  return n;
}

FieldSet united(const FieldSet& a, const FieldSet& b)
{
  FieldSet out = a;
  for (unsigned f = 0; f <= static_cast<unsigned>(Field::heading_word); ++f) {
    if (b.has(static_cast<Field>(f))) {
      out.add(static_cast<Field>(f));
    }
  }
  return out;
}

// x in the fields of `a` OR x in the fields of `b`: x in their union. An operand whose
// fields hold the other's is kept as written (x[ti] OR x[tiab] is x[tiab], exactly);
// otherwise a term of the union's fields with no tag of its own, which each writer spells
// with the field that searches the union, or the smallest wider one with its note.
NodePtr unite(const NodePtr& a, const NodePtr& b)
{
  if (b->fields.subset_of(a->fields)) {
    return a;
  }
  if (a->fields.subset_of(b->fields)) {
    return b;
  }
  auto out = std::make_shared<Node>(*a);
  out->fields = united(a->fields, b->fields);
  out->tag.clear();
  out->tag_info = nullptr;
  return out;
}

NodePtr merged(const NodePtr& n, Memo& memo)
{
  if (!n || n->children.empty()) {
    return n;
  }
  if (auto it = memo.find(n.get()); it != memo.end()) {
    return it->second;
  }
  bool changed = false;
  std::vector<NodePtr> kids;
  kids.reserve(n->children.size());
  for (const auto& c : n->children) {
    kids.push_back(merged(c, memo));
    changed = changed || kids.back() != c;
  }
  std::vector<Operator> ops = n->ops;
  if (n->kind == Node::Kind::chain && only_or(*n)) {
    std::vector<NodePtr> out;
    std::vector<Operator> out_ops;
    for (std::size_t i = 0; i < kids.size(); ++i) {
      bool gathered = false;
      const auto& term = bare(kids[i]);
      if (mergeable(*term)) {
        for (auto& k : out) {
          if (mergeable(*bare(k)) && same_words(*bare(k), *term)) {
            k = unite(bare(k), term);
            gathered = true;
            break;
          }
        }
      }
      if (gathered) {
        changed = true;
        continue;
      }
      if (!out.empty()) {
        out_ops.push_back(n->ops[i - 1]);
      }
      out.push_back(kids[i]);
    }
    if (out.size() == 1) {
      memo[n.get()] = out.front();
      return out.front();
    }
    kids = std::move(out);
    ops = std::move(out_ops);
  }
  NodePtr result = n;
  if (changed) {
    auto copy = std::make_shared<Node>(*n);
    copy->children = std::move(kids);
    copy->ops = std::move(ops);
    result = copy;
  }
  memo[n.get()] = result;
  return result;
}

} // namespace

Strategy merge_same_terms(const Strategy& strategy)
{
  Strategy out = strategy;
  Memo memo;
  for (auto& l : out.lines) {
    l.expression = merged(l.expression, memo);
  }
  out.expression = merged(strategy.expression, memo);
  return out;
}

} // namespace synth::query
