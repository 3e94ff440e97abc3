// Ovid: the parser of one search line's tokens into the shared tree (ovid_detail.hpp).
#include "synth/query/lexer.hpp"
#include "synth/query/ovid_detail.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

namespace synth::query::ovid_detail {

namespace {

using F = Field;

class LineParser
{
public:
  LineParser(std::vector<Tok> toks, int line, Vocabulary vocabulary, const Resolve& resolve)
    : m_t(std::move(toks)), m_line(line), m_vocabulary(vocabulary), m_resolve(resolve)
  {
  }

  NodePtr parse()
  {
    auto node = expr(false, 0);
    if (peek().kind == Tok::Kind::rparen) {
      stop("PAREN", m_line, peek().col, "unbalanced parenthesis: ')' without '('");
    }
    if (peek().kind != Tok::Kind::end) {
      stop("SYNTAX", m_line, peek().col,
           fmt::format("unexpected `{}`, expected and, or, not or adjN", describe(peek())));
    }
    for (Node* t : m_unfielded) {
      t->fields = *ovid_field("mp"); // Ovid's default fields
    }
    return node;
  }

  // A term on .sh. is a heading, not exploded: Humans.sh. is Humans/.
  void set_fields(Node& t, const FieldSet& fields) const
  {
    t.fields = fields;
    if (fields == FieldSet{F::heading}) {
      Heading h;
      h.vocabulary = m_vocabulary;
      h.explode = false;
      t.heading = h;
      t.is_phrase = t.text.find(' ') != std::string::npos;
    }
  }

private:
  const Tok& peek(std::size_t ahead = 0) const { return m_t[std::min(m_pos + ahead, m_t.size() - 1)]; }
  const Tok& next() { return m_t[m_pos++]; }

  static std::string describe(const Tok& t)
  {
    switch (t.kind) {
    case Tok::Kind::lparen:
      return "(";
    case Tok::Kind::rparen:
      return ")";
    case Tok::Kind::fields:
      return "." + util::join(t.codes, ",") + ".";
    case Tok::Kind::slash:
      return "/";
    case Tok::Kind::end:
      return "end of line";
    case Tok::Kind::phrase:
      return "\"" + t.text + "\"";
    default:
      return t.text;
    }
  }

  NodePtr expr(bool fielded, int depth)
  {
    std::vector<NodePtr> operands{proximity(fielded, depth)};
    std::vector<Operator> ops;
    while (peek().kind == Tok::Kind::op) {
      const Tok& t = next();
      Operator o;
      o.op = t.text == "and" ? Op::op_and : t.text == "or" ? Op::op_or : Op::op_not;
      o.line = m_line;
      o.col = t.col;
      ops.push_back(o);
      operands.push_back(proximity(fielded, depth));
    }
    return chain(std::move(operands), std::move(ops));
  }

  NodePtr proximity(bool fielded, int depth)
  {
    std::vector<NodePtr> operands{primary(fielded, depth)};
    std::vector<Operator> ops;
    while (peek().kind == Tok::Kind::adj) {
      const Tok& t = next();
      Operator o;
      o.op = Op::op_and;
      o.line = m_line;
      o.col = t.col;
      o.near = Proximity{t.n == 0 ? 0 : t.n - 1, t.n == 0};
      ops.push_back(o);
      operands.push_back(primary(fielded, depth));
    }
    return chain(std::move(operands), std::move(ops));
  }

  static NodePtr chain(std::vector<NodePtr> operands, std::vector<Operator> ops)
  {
    if (ops.empty()) {
      return operands.front();
    }
    auto c = std::make_shared<Node>();
    c->kind = Node::Kind::chain;
    c->line = operands.front()->line;
    c->col = operands.front()->col;
    c->ops = std::move(ops);
    c->children = std::move(operands);
    return c;
  }

  // Does the ')' that closes the '(' at m_pos have a field code right after it?
  bool group_fielded() const
  {
    int level = 0;
    for (std::size_t i = m_pos; i < m_t.size(); ++i) {
      if (m_t[i].kind == Tok::Kind::lparen) {
        ++level;
      } else if (m_t[i].kind == Tok::Kind::rparen && --level == 0) {
        return i + 1 < m_t.size() && m_t[i + 1].kind == Tok::Kind::fields;
      }
    }
    return false;
  }

  NodePtr primary(bool fielded, int depth)
  {
    const Tok& t = peek();
    switch (t.kind) {
    case Tok::Kind::lparen: {
      if (depth > 100) {
        stop("NESTING", m_line, t.col, "parentheses nested deeper than 100");
      }
      bool own = group_fielded();
      next();
      if (peek().kind == Tok::Kind::rparen) {
        stop("SYNTAX", m_line, t.col, "empty parentheses, expected an expression between '(' and ')'");
      }
      std::size_t mark = m_unfielded.size();
      auto inner = expr(fielded || own, depth + 1);
      if (peek().kind != Tok::Kind::rparen) {
        stop("PAREN", m_line, t.col, "unbalanced parenthesis: expected ')' before the end of the line");
      }
      next();
      auto group = std::make_shared<Node>();
      group->kind = Node::Kind::group;
      group->line = m_line;
      group->col = t.col;
      group->children = {inner};
      if (peek().kind == Tok::Kind::fields) {
        const auto& f = next();
        for (std::size_t i = mark; i < m_unfielded.size(); ++i) {
          set_fields(*m_unfielded[i], f.fields);
        }
        m_unfielded.resize(mark);
      } else if (peek().kind == Tok::Kind::slash) {
        stop("SYNTAX", m_line, peek().col, "'/' after ')': a heading is written Heading/ without parentheses");
      }
      return group;
    }
    case Tok::Kind::word:
    case Tok::Kind::phrase:
      return term(fielded);
    case Tok::Kind::end:
      stop("SYNTAX", m_line, t.col, "unexpected end of line, expected a term, a Heading/, '(' or a line number");
    default:
      stop("SYNTAX", m_line, t.col,
           fmt::format("unexpected `{}`, expected a term, a Heading/, '(' or a line number", describe(t)));
    }
  }

  // Is a heading ahead: words (or one phrase) up to a '/'?
  bool heading_ahead() const
  {
    for (std::size_t i = m_pos; i < m_t.size(); ++i) {
      const auto& k = m_t[i].kind;
      if (k == Tok::Kind::slash) {
        return i > m_pos;
      }
      if (k != Tok::Kind::word && k != Tok::Kind::phrase) {
        return false;
      }
    }
    return false;
  }

  NodePtr term(bool fielded)
  {
    const Tok& first = peek();
    if (heading_ahead()) {
      return heading();
    }
    auto node = std::make_shared<Node>();
    node->line = m_line;
    node->col = first.col;
    if (first.kind == Tok::Kind::phrase) {
      node->is_phrase = true;
      const Tok& p = next();
      node->text = canonical_word(p.text, node->wildcards, m_line, p.col);
    } else {
      while (peek().kind == Tok::Kind::word) {
        const Tok& w = next();
        auto text = canonical_word(w.text, node->wildcards, m_line, w.col);
        node->words.push_back(Word{text, m_line, w.col});
        node->text += (node->text.empty() ? "" : " ") + text;
      }
      node->is_phrase = node->words.size() > 1; // Ovid: adjacent words are a phrase
    }
    node->truncated = std::any_of(node->wildcards.begin(), node->wildcards.end(), [](const Wildcard& w) {
      return w.kind == Wildcard::Kind::any_characters && w.at_end;
    });
    if (peek().kind == Tok::Kind::fields) {
      set_fields(*node, next().fields);
    } else if (!node->is_phrase && node->words.size() == 1 && node->wildcards.empty() && !fielded
               && all_digits(node->text)) {
      auto ref = std::make_shared<Node>();
      ref->kind = Node::Kind::reference;
      ref->reference = std::stoi(node->text);
      ref->line = m_line;
      ref->col = first.col;
      ref->children = {m_resolve(ref->reference, first.col)};
      return ref;
    } else {
      m_unfielded.push_back(node.get());
    }
    return node;
  }

  NodePtr heading()
  {
    const Tok& first = peek();
    bool explode = false;
    if (first.kind == Tok::Kind::word && util::iequals(first.text, "exp") && peek(1).kind != Tok::Kind::slash) {
      explode = true;
      next();
    }
    std::string text;
    bool major = false;
    int col = peek().col;
    while (peek().kind != Tok::Kind::slash) {
      const Tok& w = next();
      std::string s = w.text;
      if (text.empty() && !s.empty() && s[0] == '*' && w.kind == Tok::Kind::word) {
        major = true;
        s.erase(0, 1);
        if (s.empty()) {
          continue; // `* Heading/`
        }
      }
      text += (text.empty() ? "" : " ") + s;
    }
    const Tok& slash = next();
    if (text.empty()) {
      stop("SYNTAX", m_line, slash.col, "a heading without its name before '/'");
    }
    auto make = [&](const std::string& code) {
      auto node = std::make_shared<Node>();
      node->line = m_line;
      node->col = col;
      node->text = text;
      node->is_phrase = text.find(' ') != std::string::npos;
      node->fields = FieldSet{F::heading};
      Heading h;
      h.vocabulary = m_vocabulary;
      h.explode = explode;
      h.major = major;
      if (!code.empty()) {
        h.subheading = std::string(subheading_name(code));
        h.subheading_code = code;
      }
      node->heading = h;
      return node;
    };
    if (slash.codes.size() <= 1) {
      return make(slash.codes.empty() ? std::string() : slash.codes.front());
    }
    // Heading/di, pa: Heading/di or Heading/pa
    std::vector<NodePtr> operands;
    std::vector<Operator> ops;
    for (const auto& code : slash.codes) {
      if (!operands.empty()) {
        Operator o;
        o.op = Op::op_or;
        o.line = m_line;
        o.col = slash.col;
        ops.push_back(o);
      }
      operands.push_back(make(code));
    }
    auto group = std::make_shared<Node>();
    group->kind = Node::Kind::group;
    group->line = m_line;
    group->col = col;
    group->children = {chain(std::move(operands), std::move(ops))};
    return group;
  }

  std::vector<Tok> m_t;
  std::size_t m_pos = 0;
  int m_line;
  Vocabulary m_vocabulary;
  const Resolve& m_resolve;
  std::vector<Node*> m_unfielded; // terms without a field code yet
};

} // namespace

NodePtr parse_tokens(std::vector<Tok> toks, int line, Vocabulary vocabulary, const Resolve& resolve)
{
  return LineParser(std::move(toks), line, vocabulary, resolve).parse();
}

} // namespace synth::query::ovid_detail
