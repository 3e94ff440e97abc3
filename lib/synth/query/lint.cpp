#include "synth/query/lint.hpp"

#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace synth::query {

namespace {

std::string_view op_word(Op op)
{
  switch (op) {
  case Op::op_and:
    return "AND";
  case Op::op_or:
    return "OR";
  case Op::op_not:
    return "NOT";
  }
  return "AND";
}

// The operator every operator of the chain is, if they agree and are all written (where
// PubMed adds an implicit AND the meaning intended is unclear: IMPLICIT-AND says so).
std::optional<Op> uniform_op(const Node& chain)
{
  std::optional<Op> op;
  for (const auto& o : chain.ops) {
    if (o.implicit || (op && *op != o.op)) {
      return std::nullopt;
    }
    op = o.op;
  }
  return op;
}

class Walker
{
public:
  explicit Walker(LintContext& ctx) : m_ctx(ctx) {}

  void line(const Node& expression)
  {
    m_untagged = 0;
    m_first_untagged = nullptr;
    visit(expression, std::nullopt, true);
    if (m_ctx.options.pubmed && m_untagged > 0) {
      const Node& t = *m_first_untagged;
      m_ctx.out.push_back(finding(
        "UNTAGGED", t.line, t.col,
        m_untagged == 1
          ? fmt::format("'{}' has no field tag: PubMed searches it in all fields (an unquoted word through its "
                        "automatic term mapping, which changes as MeSH changes)",
                        operand_label(t))
          : fmt::format("{} terms on this line have no field tag (first: '{}'): PubMed searches them in all fields "
                        "(unquoted words through its automatic term mapping, which changes as MeSH changes)",
                        m_untagged, operand_label(t)),
        "tag each term with where to search ([tiab], [mh] ...)"));
    }
  }

private:
  // `context`: the operator of the list this node is an operand of, seen through groups.
  void visit(const Node& node, std::optional<Op> context, bool whole_line)
  {
    switch (node.kind) {
    case Node::Kind::term:
      lint_term(node, m_ctx);
      count_untagged(node);
      return;
    case Node::Kind::date_range:
    case Node::Kind::reference: // its line is checked where it is written
      return;
    case Node::Kind::group:
      unneeded_parentheses(node, context, whole_line);
      visit(*node.children[0], context, false);
      return;
    case Node::Kind::chain:
      chain(node);
      return;
    }
  }

  void chain(const Node& node)
  {
    auto op = uniform_op(node);
    implicit_and(node);
    operator_mix(node);
    limit_in_group(node);
    if (op && *op != Op::op_not) {
      std::vector<const Node*> terms;
      flatten(node, *op, terms);
      lint_redundant(terms, *op, m_ctx);
    }
    for (const auto& child : node.children) {
      visit(*child, op, false);
    }
  }

  // The terms of a list of `op`, through groups that hold lists of the same operator.
  static void flatten(const Node& node, Op op, std::vector<const Node*>& out)
  {
    if (node.kind == Node::Kind::term) {
      out.push_back(&node);
    } else if (node.kind == Node::Kind::group) {
      flatten(*node.children[0], op, out);
    } else if (node.kind == Node::Kind::chain && uniform_op(node) == op) {
      for (const auto& child : node.children) {
        flatten(*child, op, out);
      }
    }
  }

  void count_untagged(const Node& term)
  {
    if (term.tag_info == nullptr && !not_search_terms(term)) {
      if (m_untagged++ == 0) {
        m_first_untagged = &term;
      }
    }
  }

  void implicit_and(const Node& node)
  {
    for (std::size_t i = 0; i < node.ops.size(); ++i) {
      const auto& o = node.ops[i];
      if (!o.implicit || not_search_terms(*node.children[i]) || not_search_terms(*node.children[i + 1])) {
        continue; // a lower-case operator word, a symbol: their own rule says what happened there
      }
      m_ctx.out.push_back(finding("IMPLICIT-AND", o.line, o.col,
                                  fmt::format("no operator between '{}' and '{}': PubMed ANDs them",
                                              operand_label(*node.children[i]), operand_label(*node.children[i + 1])),
                                  "write AND (or OR) between them"));
    }
  }

  void operator_mix(const Node& node)
  {
    const Operator* first = nullptr;
    for (const auto& o : node.ops) {
      if (o.implicit) {
        continue;
      }
      if (first == nullptr) {
        first = &o;
        continue;
      }
      bool mixes_or = (first->op == Op::op_or) != (o.op == Op::op_or);
      if (mixes_or) {
        m_ctx.out.push_back(
          finding("OP-MIX", o.line, o.col,
                  fmt::format("{} after {} without parentheses: PubMed applies them left to right, so 'a {} b {} c' is "
                              "'(a {} b) {} c'",
                              op_word(o.op), op_word(first->op), op_word(first->op), op_word(o.op), op_word(first->op),
                              op_word(o.op)),
                  "add parentheses to say which comes first"));
        return;
      }
    }
  }

  // A date or journal limit inside a group that is one branch of an OR.
  void limit_in_group(const Node& node)
  {
    bool has_or = std::any_of(node.ops.begin(), node.ops.end(), [](const Operator& o) { return o.op == Op::op_or; });
    if (!has_or) {
      return;
    }
    for (const auto& child : node.children) {
      if (child->kind != Node::Kind::group) {
        continue;
      }
      const Node& inner = *child->children[0];
      if (inner.kind != Node::Kind::chain || uniform_op(inner) == Op::op_or) {
        continue;
      }
      for (const auto& part : inner.children) {
        const Node& t = *part;
        bool limit = t.tag_info != nullptr
                     && (t.tag_info->kind == TagKind::date || t.tag_info->tag == Tag::ta || t.tag_info->tag == Tag::la);
        if ((t.kind == Node::Kind::term || t.kind == Node::Kind::date_range) && limit) {
          m_ctx.out.push_back(
            finding("LIMIT-IN-GROUP", t.line, t.col,
                    fmt::format("'{}' limits only this branch of the OR, not the whole search", operand_label(t)),
                    "if it should limit every record, move it out: (... OR ...) AND " + operand_label(t)));
        }
      }
    }
  }

  void unneeded_parentheses(const Node& group, std::optional<Op> context, bool whole_line)
  {
    const Node& inner = *group.children[0];
    std::string why;
    if (inner.kind == Node::Kind::group) {
      why = "double parentheses";
    } else if (inner.kind == Node::Kind::chain && whole_line && m_ctx.line_number != 0) {
      why = fmt::format("parentheses around the whole of #{}: a line reference is read as a group already",
                        m_ctx.line_number);
    } else if (inner.kind == Node::Kind::chain && context && *context != Op::op_not && uniform_op(inner) == context) {
      why = fmt::format("parentheses around an {} list inside an {} list change nothing", op_word(*context),
                        op_word(*context));
    }
    if (!why.empty()) {
      m_ctx.out.push_back(finding("PAREN-UNNEEDED", group.line, group.col, why, "remove them"));
    }
  }

  LintContext& m_ctx;
  int m_untagged = 0;
  const Node* m_first_untagged = nullptr;
};

void references_of(const Node& node, std::vector<int>& out)
{
  if (node.kind == Node::Kind::reference) {
    out.push_back(node.reference);
    return;
  }
  for (const auto& child : node.children) {
    references_of(*child, out);
  }
}

// UNREFERENCED: numbered lines the last line does not reach.
void unreferenced(const QueryFile& q, std::vector<Finding>& out)
{
  if (q.lines.size() < 2 || q.lines.back().number == 0 || !q.lines.back().expression) {
    return;
  }
  std::map<int, std::vector<int>> refs;
  for (const auto& l : q.lines) {
    if (l.expression) {
      references_of(*l.expression, refs[l.number]);
    }
  }
  std::set<int> reached{q.lines.back().number};
  std::vector<int> todo{q.lines.back().number};
  while (!todo.empty()) {
    int n = todo.back();
    todo.pop_back();
    for (int r : refs[n]) {
      if (reached.insert(r).second) {
        todo.push_back(r);
      }
    }
  }
  for (const auto& l : q.lines) {
    if (l.expression && reached.count(l.number) == 0) {
      out.push_back(finding("UNREFERENCED", l.line, 1,
                            fmt::format("#{} is not used by the search (the last line, #{}): it is not sent", l.number,
                                        q.lines.back().number),
                            "refer to it from a later line, or delete it"));
    }
  }
}

} // namespace

std::string operand_label(const Node& node)
{
  switch (node.kind) {
  case Node::Kind::term:
  case Node::Kind::date_range: {
    auto text = render(node);
    if (text.size() > 60) {
      text = text.substr(0, 57) + "...";
    }
    return text;
  }
  case Node::Kind::reference:
    return fmt::format("#{}", node.reference);
  case Node::Kind::group:
    return "(...)";
  case Node::Kind::chain:
    return operand_label(*node.children[0]) + " ...";
  }
  return {};
}

void lint(const QueryFile& query, const LintOptions& options, std::vector<Finding>& out)
{
  LintContext ctx{query, options, out};
  for (const auto& l : query.lines) {
    if (!l.expression) {
      continue;
    }
    ctx.line_number = l.number;
    Walker(ctx).line(*l.expression);
  }
  unreferenced(query, out);
}

} // namespace synth::query
