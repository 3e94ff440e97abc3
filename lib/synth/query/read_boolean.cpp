// The reader of one search line of EBSCOhost, ProQuest, Web of Science, Scopus and the
// Cochrane Library (ovid_detail.hpp): one lexer (read_boolean_lexer.hpp) and one parser
// (this file) for the five, driven by each platform's table (platforms_table.hpp), the
// table their writers use.
//
//   EBSCOhost        TI ( "mental illness" ) OR AB mental N5 illness   (MH "Schizophrenia+")  (MM "x")
//                    S3 AND DT 1990-2013 (a publication-year limit, the table's date code)
//   ProQuest         TI,AB("mental illness")   noft(x)   MESH.EXACT.EXPLODE("x")   a NEAR/3 b   a PRE/0 b
//   Web of Science   TS=("mental illness")   TI=mental illness (both words)   a NEAR/3 b   a SAME b (AND)
//   Scopus           TITLE-ABS-KEY("mental illness")   {exact phrase}   a W/3 b   a PRE/0 b   AND NOT
//   Cochrane         "mental illness":ti,ab,kw   [mh "Schizophrenia"]   [mh ^"x"]   a NEAR/3 b   a NEXT b
//                    MeSH descriptor: [Schizophrenia] explode all trees
//
// Operators bind as the table's precedence says; what binds tighter than its neighbours is
// a group in the tree, so that the tree says what the platform reads.
#include "synth/query/ovid_detail.hpp"
#include "synth/query/platforms_table.hpp"
#include "synth/query/read_boolean_lexer.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace synth::query::ovid_detail {

namespace {

using platforms_detail::Bind;
using platforms_detail::FieldStyle;
using platforms_detail::PlatformTable;

// A limit written in a line (EBSCOhost's `DT 1990-2013`) until the chain it is ANDed into
// becomes the limited group (Parser::with_limits): a group with limits and no child.
bool is_limit_leaf(const Node& n) { return n.kind == Node::Kind::group && !n.limits.empty() && n.children.empty(); }

class Parser
{
public:
  Parser(std::vector<BTok> toks, int line, const PlatformTable& table, const Resolve& resolve)
    : m_toks(std::move(toks)), m_line(line), m_t(table), m_resolve(resolve)
  {
  }

  NodePtr parse()
  {
    auto node = expr(0);
    if (peek().kind == BTok::Kind::rparen) {
      stop("PAREN", m_line, peek().col, "unbalanced parenthesis: ')' without '('");
    }
    if (peek().kind != BTok::Kind::end) {
      stop("SYNTAX", m_line, peek().col, fmt::format("unexpected `{}`, expected an operator", describe(peek())));
    }
    if (is_limit_leaf(*node)) {
      stop("DATE", m_line, node->col, limit_alone());
    }
    for (Node* t : m_unfielded) {
      t->fields = m_t.default_fields;
    }
    return node;
  }

private:
  const BTok& peek() const { return m_toks[std::min(m_pos, m_toks.size() - 1)]; }
  const BTok& next() { return m_toks[std::min(m_pos++, m_toks.size() - 1)]; }

  static std::string describe(const BTok& t)
  {
    switch (t.kind) {
    case BTok::Kind::lparen:
      return "(";
    case BTok::Kind::rparen:
      return ")";
    case BTok::Kind::end:
      return "end of line";
    case BTok::Kind::phrase:
      return "\"" + t.text + "\"";
    default:
      return t.text;
    }
  }

  static bool starts_operand(const BTok& t)
  {
    switch (t.kind) {
    case BTok::Kind::word:
    case BTok::Kind::phrase:
    case BTok::Kind::lparen:
    case BTok::Kind::field:
    case BTok::Kind::heading_code:
    case BTok::Kind::heading:
    case BTok::Kind::ref:
    case BTok::Kind::limit:
      return true;
    default:
      return false;
    }
  }

  std::string limit_alone() const
  {
    return fmt::format("a {} limit alone: it limits a search it is ANDed with, like {}3 AND {}", m_t.date_code,
                       m_t.line_prefix, date_written(m_t, "1990", "2013"));
  }

  static std::string_view op_name(const Operator& o)
  {
    if (o.near) {
      return "a proximity operator";
    }
    return o.op == Op::op_or ? "OR" : o.op == Op::op_not ? "NOT" : "AND";
  }

  // An operand ANDed into its chain: the operators before and after it are AND (NOT after
  // it, when something is kept before it), never proximity.
  static bool anded(const Operator* o, bool is_after, bool kept_before)
  {
    return o == nullptr || (!o->near && (o->op == Op::op_and || (is_after && kept_before && o->op == Op::op_not)));
  }

  // A search of the language field alone (EBSCOhost's `LA english`, ProQuest's
  // `LA(english)`, `LA=(english OR french)`, Scopus's `LANGUAGE(english)`): the languages,
  // lower case; nullopt for anything else.
  static std::optional<std::vector<std::string>> languages_of(const Node& n)
  {
    const Node* x = &n;
    while (x->kind == Node::Kind::group && x->limits.empty() && x->children.size() == 1) {
      x = x->children[0].get();
    }
    if (x->kind == Node::Kind::term) {
      bool plain = x->fields == FieldSet{Field::language} && !x->heading && !x->proximity && x->wildcards.empty()
                   && !x->text.empty() && x->text.find(' ') == std::string::npos;
      if (!plain) {
        return std::nullopt;
      }
      return std::vector<std::string>{util::to_lower(x->text)};
    }
    if (x->kind != Node::Kind::chain) {
      return std::nullopt;
    }
    std::vector<std::string> out;
    for (const auto& o : x->ops) {
      if (o.near || o.op != Op::op_or) {
        return std::nullopt;
      }
    }
    for (const auto& k : x->children) {
      auto l = languages_of(*k);
      if (!l) {
        return std::nullopt;
      }
      out.insert(out.end(), l->begin(), l->end());
    }
    return out;
  }

  // A chain with limits among its operands (S3 AND DT 1990-2013): the group of the other
  // operands restricted by them, the tree's limited search (Ovid's `limit 3 to yr=...`).
  // A date limit must be ANDed: joined by OR, NOT before it or proximity it is refused.
  // A search of the language field ANDed (S3 AND LA english) is the tree's language limit,
  // as synth's writers write it; joined otherwise it stays a field search. The year limits
  // of one chain meet (PUBYEAR > 1989 AND PUBYEAR < 2014: 1990-2013). A chain of limits
  // alone, `(PUBYEAR > 1989 AND PUBYEAR < 2014)`, is one limit for the chain around it.
  NodePtr with_limits(const std::shared_ptr<Node>& c) const
  {
    std::vector<Limit> limits;
    std::optional<Limit> years;
    bool dated = false;
    auto rest = std::make_shared<Node>();
    rest->kind = Node::Kind::chain;
    for (std::size_t i = 0; i < c->children.size(); ++i) {
      const auto& k = c->children[i];
      const Operator* before = i > 0 ? &c->ops[i - 1] : nullptr;
      const Operator* after = i < c->ops.size() ? &c->ops[i] : nullptr;
      bool kept_before = !rest->children.empty();
      bool is_anded = anded(before, false, kept_before) && anded(after, true, kept_before);
      auto languages = is_anded ? languages_of(*k) : std::nullopt;
      if (!is_limit_leaf(*k) && !languages) {
        if (!rest->children.empty()) {
          rest->ops.push_back(c->ops[i - 1]);
        }
        rest->children.push_back(k);
        continue;
      }
      if (languages) {
        Limit l;
        l.kind = Limit::Kind::language;
        l.languages = std::move(*languages);
        limits.push_back(std::move(l));
        continue;
      }
      for (const Operator* o : {before, after}) {
        if (!anded(o, o == after, kept_before)) {
          stop("DATE", m_line, k->col,
               fmt::format("a {} limit joined by {}: synth reads it ANDed with a search, like {}3 AND {}",
                           m_t.date_code, op_name(*o), m_t.line_prefix, date_written(m_t, "1990", "2013")));
        }
      }
      dated = true;
      for (const auto& l : k->limits) {
        if (l.kind != Limit::Kind::publication_date) {
          limits.push_back(l);
          continue;
        }
        if (!years) {
          years = l;
          continue;
        }
        // both ends: the later start, the earlier end
        if (years->from.empty() || (!l.from.empty() && l.from > years->from)) {
          years->from = l.from;
        }
        if (years->to.empty() || (!l.to.empty() && l.to < years->to)) {
          years->to = l.to;
        }
        if (!years->from.empty() && !years->to.empty() && years->from > years->to) {
          stop("DATE", m_line, k->col,
               fmt::format("the year limits of this line leave no year ({} to {})", years->from, years->to));
        }
      }
    }
    if (!dated && (limits.empty() || rest->children.empty())) {
      return c; // no date limit, and no language limit with a search to limit: as written
    }
    if (years) {
      limits.push_back(*years);
    }
    auto g = std::make_shared<Node>();
    g->kind = Node::Kind::group;
    g->line = c->line;
    g->col = c->col;
    g->limits = std::move(limits);
    if (rest->children.empty()) {
      return g; // limits alone: a limit for the chain around it (or refused at the end of the line)
    }
    NodePtr child = rest->children.size() == 1 ? rest->children.front() : rest;
    rest->line = rest->children.front()->line;
    rest->col = rest->children.front()->col;
    g->line = child->line;
    g->col = child->col;
    g->children = {child};
    return g;
  }

  struct Op2
  {
    Bind bind;
    Operator op;
  };

  NodePtr expr(int depth)
  {
    std::vector<NodePtr> operands{primary(depth)};
    std::vector<Op2> ops;
    for (;;) {
      const BTok& t = peek();
      Op2 o;
      o.op.line = m_line;
      o.op.col = t.col;
      if (t.kind == BTok::Kind::op) {
        next();
        o.bind = t.bind;
        o.op.op = t.bind == Bind::op_or ? Op::op_or : t.bind == Bind::op_not ? Op::op_not : Op::op_and;
        if (t.bind == Bind::near_any || t.bind == Bind::near_ordered) {
          o.op.near = Proximity{t.n, t.bind == Bind::near_ordered};
        }
        if (peek().kind == BTok::Kind::end || peek().kind == BTok::Kind::rparen) {
          stop("SYNTAX", m_line, peek().col,
               fmt::format("unexpected {}, expected a term after `{}`", describe(peek()), t.text));
        }
      } else if (starts_operand(t)) {
        o.bind = Bind::op_and; // no operator: AND
        o.op.implicit = true;
      } else {
        break;
      }
      ops.push_back(o);
      operands.push_back(primary(depth));
    }
    return build(operands, ops, 0, operands.size() - 1, 0);
  }

  // operands[lo..hi] joined by ops[lo..hi-1], split at the loosest operators first
  NodePtr build(const std::vector<NodePtr>& operands, const std::vector<Op2>& ops, std::size_t lo, std::size_t hi,
                std::size_t level)
  {
    if (lo == hi) {
      return operands[lo];
    }
    for (std::size_t l = level; l < m_t.precedence.size(); ++l) {
      const auto& binds = m_t.precedence[l];
      auto at_level = [&](std::size_t k) { return std::find(binds.begin(), binds.end(), ops[k].bind) != binds.end(); };
      std::vector<std::size_t> splits;
      for (std::size_t k = lo; k < hi; ++k) {
        if (at_level(k)) {
          splits.push_back(k);
        }
      }
      if (splits.empty()) {
        continue;
      }
      auto c = std::make_shared<Node>();
      c->kind = Node::Kind::chain;
      std::size_t from = lo;
      for (auto k : splits) {
        c->children.push_back(grouped(build(operands, ops, from, k, l + 1)));
        c->ops.push_back(ops[k].op);
        from = k + 1;
      }
      c->children.push_back(grouped(build(operands, ops, from, hi, l + 1)));
      c->line = c->children.front()->line;
      c->col = c->children.front()->col;
      return with_limits(c);
    }
    return operands[lo]; // every operator is in the table's precedence
  }

  // what binds tighter than its neighbours: a group in the tree
  static NodePtr grouped(NodePtr n)
  {
    if (n->kind != Node::Kind::chain) {
      return n;
    }
    auto g = std::make_shared<Node>();
    g->kind = Node::Kind::group;
    g->line = n->line;
    g->col = n->col;
    g->children = {std::move(n)};
    return g;
  }

  void apply_fields(std::size_t mark, const FieldSet& fields)
  {
    for (std::size_t i = mark; i < m_unfielded.size(); ++i) {
      m_unfielded[i]->fields = fields;
    }
    m_unfielded.resize(mark);
  }

  NodePtr primary(int depth)
  {
    const BTok& t = peek();
    if (depth > 100) {
      stop("NESTING", m_line, t.col, "parentheses nested deeper than 100");
    }
    switch (t.kind) {
    case BTok::Kind::lparen: {
      next();
      if (peek().kind == BTok::Kind::rparen) {
        stop("SYNTAX", m_line, t.col, "empty parentheses, expected an expression between '(' and ')'");
      }
      std::size_t mark = m_unfielded.size();
      auto inner = expr(depth + 1);
      if (peek().kind != BTok::Kind::rparen) {
        stop("PAREN", m_line, t.col, "unbalanced parenthesis: expected ')' before the end of the line");
      }
      next();
      if (peek().kind == BTok::Kind::suffix) {
        apply_fields(mark, next().fields);
      }
      return grouped(inner);
    }
    case BTok::Kind::field: {
      next();
      std::size_t mark = m_unfielded.size();
      if (!starts_operand(peek()) || peek().kind == BTok::Kind::field || peek().kind == BTok::Kind::limit) {
        stop("SYNTAX", m_line, peek().col,
             fmt::format("unexpected {} after the field code `{}`, expected a term or '('", describe(peek()), t.text));
      }
      bool bare = peek().kind == BTok::Kind::word || peek().kind == BTok::Kind::phrase;
      NodePtr inner = primary(depth + 1);
      if (bare && m_t.style == FieldStyle::equals) {
        inner = tag_reach(inner, depth);
      }
      apply_fields(mark, t.fields);
      return inner;
    }
    case BTok::Kind::heading_code:
      return heading_after_code(depth);
    case BTok::Kind::heading:
      next();
      return heading(t.text, t, t.explode, t.col);
    case BTok::Kind::limit: {
      next();
      auto leaf = std::make_shared<Node>();
      leaf->kind = Node::Kind::group;
      leaf->line = m_line;
      leaf->col = t.col;
      leaf->limits = t.limits;
      return leaf;
    }
    case BTok::Kind::ref: {
      next();
      auto ref = std::make_shared<Node>();
      ref->kind = Node::Kind::reference;
      ref->reference = t.n;
      ref->line = m_line;
      ref->col = t.col;
      ref->children = {m_resolve(t.n, t.col)};
      return ref;
    }
    case BTok::Kind::word:
    case BTok::Kind::phrase:
      return term();
    case BTok::Kind::end:
      stop("SYNTAX", m_line, t.col, "unexpected end of line, expected a term, a field code, '(' or a line reference");
    default:
      stop("SYNTAX", m_line, t.col,
           fmt::format("unexpected `{}`, expected a term, a field code, '(' or a line reference", describe(t)));
    }
  }

  // Web of Science: a tag without parentheses reaches the words after it up to the next
  // operator, joined by WoS's implicit AND (TI=mental illness: TI=(mental AND illness)).
  NodePtr tag_reach(NodePtr first, int depth)
  {
    if (peek().kind != BTok::Kind::word && peek().kind != BTok::Kind::phrase) {
      return first;
    }
    auto c = std::make_shared<Node>();
    c->kind = Node::Kind::chain;
    c->line = first->line;
    c->col = first->col;
    c->children = {std::move(first)};
    while (peek().kind == BTok::Kind::word || peek().kind == BTok::Kind::phrase) {
      Operator o;
      o.op = Op::op_and;
      o.implicit = true;
      o.line = m_line;
      o.col = peek().col;
      c->ops.push_back(o);
      c->children.push_back(primary(depth + 1));
    }
    return grouped(c);
  }

  // EBSCOhost: MH "Heading+", (MH Heading); ProQuest: MESH.EXACT("Heading")
  NodePtr heading_after_code(int depth)
  {
    const BTok code = next();
    bool paren = false;
    if (peek().kind == BTok::Kind::lparen) {
      paren = true;
      next();
    }
    std::string name;
    int col = peek().col;
    if (peek().kind == BTok::Kind::phrase) {
      name = next().text;
    } else {
      while (peek().kind == BTok::Kind::word) {
        name += (name.empty() ? "" : " ") + next().text;
      }
    }
    if (name.empty()) {
      stop("SYNTAX", m_line, peek().col,
           fmt::format("unexpected {} after `{}`, expected the heading's name", describe(peek()), code.text));
    }
    if (paren) {
      if (peek().kind != BTok::Kind::rparen) {
        stop("PAREN", m_line, col, "unbalanced parenthesis: expected ')' after the heading");
      }
      next();
    }
    (void)depth;
    bool explode = code.explode;
    if (code.plus_explodes && name.back() == '+') {
      explode = true;
      name.pop_back();
      name = std::string(util::trim(name));
    }
    return heading(name, code, explode, code.col);
  }

  NodePtr heading(const std::string& name, const BTok& t, bool explode, int col) const
  {
    auto node = std::make_shared<Node>();
    node->line = m_line;
    node->col = col;
    node->text = name;
    node->is_phrase = name.find(' ') != std::string::npos;
    node->fields = FieldSet{Field::heading};
    Heading h;
    h.vocabulary = t.vocabulary;
    h.explode = explode;
    h.major = t.major;
    node->heading = h;
    return node;
  }

  // A phrase, or the words written next to each other: one term on EBSCOhost (searched
  // within five words of each other, N5), words joined by AND elsewhere.
  NodePtr term()
  {
    const BTok& first = peek();
    if (first.kind == BTok::Kind::phrase) {
      next();
      auto node = make_term(first);
      node->is_phrase = true;
      node->loose_phrase = first.loose;
      return fielded(node);
    }
    if (m_t.syntax != Syntax::ebsco) {
      next();
      return fielded(make_term(first));
    }
    auto node = std::make_shared<Node>();
    node->line = m_line;
    node->col = first.col;
    while (peek().kind == BTok::Kind::word) {
      const BTok& w = next();
      auto text = platform_word(w.text, node->wildcards);
      node->words.push_back(Word{text, m_line, w.col});
      node->text += (node->text.empty() ? "" : " ") + text;
    }
    if (node->words.size() > 1) {
      node->proximity = Proximity{5, false}; // EBSCOhost: words without quotes, N5
    }
    mark_truncated(*node);
    return fielded(node);
  }

  std::shared_ptr<Node> make_term(const BTok& t)
  {
    auto node = std::make_shared<Node>();
    node->line = m_line;
    node->col = t.col;
    node->text = platform_word(t.text, node->wildcards);
    if (t.kind == BTok::Kind::word) {
      node->words.push_back(Word{node->text, m_line, t.col});
    }
    mark_truncated(*node);
    return node;
  }

  static void mark_truncated(Node& n)
  {
    n.truncated = std::any_of(n.wildcards.begin(), n.wildcards.end(),
                              [](const Wildcard& w) { return w.kind == Wildcard::Kind::any_characters && w.at_end; });
  }

  NodePtr fielded(std::shared_ptr<Node> node)
  {
    if (peek().kind == BTok::Kind::suffix) {
      node->fields = next().fields;
    } else {
      m_unfielded.push_back(node.get());
    }
    return node;
  }

  // The platform's wildcards as the tree spells them (ast.hpp): * any characters, # one
  // character, ? zero or one; ProQuest's [*4] at most four.
  std::string platform_word(std::string_view w, std::vector<Wildcard>& out) const
  {
    std::string text;
    auto end_at = [&](std::size_t j) { return j >= w.size() || w[j] == ' '; };
    for (std::size_t i = 0; i < w.size(); ++i) {
      char c = w[i];
      Wildcard wc;
      if (m_t.limited_truncation && c == '[' && i + 2 < w.size() && w[i + 1] == m_t.any) {
        auto close = w.find(']', i);
        if (close != std::string_view::npos && all_digits(w.substr(i + 2, close - i - 2))) {
          wc.max_characters = std::stoi(std::string(w.substr(i + 2, close - i - 2)));
          wc.at_end = end_at(close + 1);
          out.push_back(wc);
          text += '*';
          i = close;
          continue;
        }
      }
      if (c == m_t.any) {
        wc.at_end = end_at(i + 1);
        out.push_back(wc);
        text += '*';
      } else if (c == m_t.one) {
        wc.kind = Wildcard::Kind::one_character;
        wc.at_end = end_at(i + 1);
        out.push_back(wc);
        text += '#';
      } else if (m_t.optional != 0 && c == m_t.optional) {
        wc.kind = Wildcard::Kind::optional_character;
        wc.at_end = end_at(i + 1);
        out.push_back(wc);
        text += '?';
      } else {
        text += c;
      }
    }
    return text;
  }

  std::vector<BTok> m_toks;
  std::size_t m_pos = 0;
  int m_line;
  const PlatformTable& m_t;
  const Resolve& m_resolve;
  std::vector<Node*> m_unfielded;
};

} // namespace

NodePtr parse_platform_line(std::string_view text, int line, int col0, Syntax syntax, Vocabulary vocabulary,
                            const Resolve& resolve)
{
  const auto& table = platforms_detail::platform_table(syntax);
  return Parser(Lexer(text, line, col0, table, vocabulary).run(), line, table, resolve).parse();
}

} // namespace synth::query::ovid_detail
