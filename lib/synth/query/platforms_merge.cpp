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

const FieldSet k_text{Field::title, Field::abstract, Field::keywords};

int text_fields(const FieldSet& f)
{
  return (f.has(Field::title) ? 1 : 0) + (f.has(Field::abstract) ? 1 : 0) + (f.has(Field::keywords) ? 1 : 0);
}

// What the target searches when it writes title, abstract and keywords fields `f` (only
// where it must widen): PubMed has [ti], [ot] and [tiab] (title, abstract and author
// keywords), so the abstract and any two of the three are [tiab]; Web of Science writes
// all three as TS=, which adds Keywords Plus (here: the subject terms).
FieldSet written(Syntax target, const FieldSet& f)
{
  if (target == Syntax::pubmed && (f.has(Field::abstract) || text_fields(f) >= 2)) {
    return k_text;
  }
  if (target == Syntax::wos && text_fields(f) == 3) {
    return FieldSet{Field::title, Field::abstract, Field::keywords, Field::heading_word};
  }
  return f;
}

// x in the fields of `a` OR x in the fields of `b`: x in their union. An operand whose
// fields hold the other's is kept as written (x[ti] OR x[tiab] is x[tiab], exactly).
// Otherwise, for title, abstract and keyword fields alone, a term of the union's fields
// with no tag of its own, which each writer spells with the field that searches the
// union, or the smallest wider one with its note; but only when the target searches no
// more for the union than for the two written apart (PubMed's x[ti] OR x[ot] is exact,
// x[tiab] would add abstracts; Web of Science's TI= AB= AK= are exact, TS= adds Keywords
// Plus). Null: not gathered.
NodePtr unite(const NodePtr& a, const NodePtr& b, Syntax target)
{
  if (b->fields.subset_of(a->fields)) {
    return a;
  }
  if (a->fields.subset_of(b->fields)) {
    return b;
  }
  if (!a->fields.subset_of(k_text) || !b->fields.subset_of(k_text)) {
    return nullptr;
  }
  auto fields = united(a->fields, b->fields);
  if (!written(target, fields).subset_of(united(written(target, a->fields), written(target, b->fields)))) {
    return nullptr;
  }
  auto out = std::make_shared<Node>(*a);
  out->fields = fields;
  out->tag.clear();
  out->tag_info = nullptr;
  return out;
}

NodePtr merged(const NodePtr& n, Syntax target, Memo& memo)
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
    kids.push_back(merged(c, target, memo));
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
            if (auto u = unite(bare(k), term, target)) {
              k = u;
              gathered = true;
              break;
            }
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

Strategy merge_same_terms(const Strategy& strategy, Syntax target)
{
  Strategy out = strategy;
  Memo memo;
  for (auto& l : out.lines) {
    l.expression = merged(l.expression, target, memo);
  }
  out.expression = merged(strategy.expression, target, memo);
  return out;
}

} // namespace synth::query
