#include "synth/query/parser.hpp"

#include "synth/core/error.hpp"
#include "synth/query/dates.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

namespace synth::query {

namespace {

const char* const k_expected_term = "expected a term, a \"phrase\", '(' or #n";

struct Token
{
  enum class Kind { word, phrase, tag, lparen, rparen, colon, ref, op_and, op_or, op_not, end };
  Kind kind = Kind::end;
  std::string text; // word as written; phrase without quotes; tag without brackets
  int line = 0;
  int col = 0;
  int number = 0; // ref
};

bool is_space(char c)
{
  return c == ' ' || c == '\t';
}

bool ends_word(char c)
{
  return is_space(c) || c == '(' || c == ')' || c == '"' || c == '[' || c == ']';
}

class Lexer
{
public:
  Lexer(const std::vector<Segment>& segments, const std::string& label)
    : m_label(label)
  {
    for (const auto& segment : segments) {
      lex(segment);
    }
    Token end;
    end.kind = Token::Kind::end;
    end.line = segments.empty() ? 0 : segments.back().line;
    end.col = segments.empty() ? 0 : segments.back().col + count_chars(segments.back().text);
    m_tokens.push_back(end);
  }

  std::vector<Token> take() { return std::move(m_tokens); }

private:
  void lex(const Segment& seg)
  {
    std::string_view s = seg.text;
    std::size_t i = 0;
    auto col_of = [&](std::size_t pos) { return seg.col + count_chars(s.substr(0, pos)); };
    while (i < s.size()) {
      char c = s[i];
      if (is_space(c)) {
        ++i;
        continue;
      }
      Token t;
      t.line = seg.line;
      t.col = col_of(i);
      if (c == '#') {
        if (i + 1 == s.size() || is_space(s[i + 1])) {
          return; // a comment to the end of the line
        }
        std::size_t j = i + 1;
        while (j < s.size() && s[j] >= '0' && s[j] <= '9') {
          ++j;
        }
        if (j == i + 1 || (j < s.size() && !ends_word(s[j]))) {
          fail_at(m_label, t.line, t.col, "'#' must start a reference like #3 or a comment like '# text'");
        }
        if (j - i > 7) {
          fail_at(m_label, t.line, t.col, "line number too large, expected at most 6 digits after '#'");
        }
        t.kind = Token::Kind::ref;
        t.text = std::string(s.substr(i, j - i));
        t.number = std::stoi(std::string(s.substr(i + 1, j - i - 1)));
        i = j;
      } else if (c == '(' || c == ')') {
        t.kind = c == '(' ? Token::Kind::lparen : Token::Kind::rparen;
        t.text = std::string(1, c);
        ++i;
      } else if (c == '"') {
        auto close = s.find('"', i + 1);
        if (close == std::string_view::npos) {
          fail_at(m_label, t.line, t.col,
                  fmt::format("unterminated phrase: expected '\"' before end of line {}", seg.line));
        }
        t.kind = Token::Kind::phrase;
        t.text = util::collapse_space(s.substr(i + 1, close - i - 1));
        if (t.text.empty()) {
          fail_at(m_label, t.line, t.col, "empty phrase \"\", expected words between the quotes");
        }
        i = close + 1;
      } else if (c == '[') {
        auto close = s.find(']', i + 1);
        if (close == std::string_view::npos) {
          fail_at(m_label, t.line, t.col,
                  fmt::format("unclosed field tag: expected ']' before end of line {}", seg.line));
        }
        t.kind = Token::Kind::tag;
        t.text = std::string(util::trim(s.substr(i + 1, close - i - 1)));
        i = close + 1;
      } else if (c == ']') {
        fail_at(m_label, t.line, t.col, "']' without '[', expected a field tag like [tiab]");
      } else {
        std::size_t j = i;
        while (j < s.size() && !ends_word(s[j])) {
          ++j;
        }
        t.text = std::string(s.substr(i, j - i));
        t.kind = t.text == "AND"  ? Token::Kind::op_and
                 : t.text == "OR" ? Token::Kind::op_or
                 : t.text == "NOT" ? Token::Kind::op_not
                 : t.text == ":"  ? Token::Kind::colon
                                  : Token::Kind::word;
        i = j;
      }
      m_tokens.push_back(std::move(t));
    }
  }

  const std::string& m_label;
  std::vector<Token> m_tokens;
};

class Parser
{
public:
  Parser(std::vector<Token> tokens, const std::string& label, const Resolver& resolve)
    : m_tokens(std::move(tokens)), m_label(label), m_resolve(resolve)
  {
  }

  NodePtr parse_all()
  {
    const Token& first = peek();
    if (first.kind == Token::Kind::end) {
      fail_at(m_label, first.line, first.col, "empty expression, expected a search expression");
    }
    auto node = parse_expr();
    const Token& t = peek();
    if (t.kind == Token::Kind::rparen) {
      fail_at(m_label, t.line, t.col, "unbalanced parenthesis: ')' without '('");
    }
    return node;
  }

private:
  const Token& peek() const { return m_tokens[m_pos]; }
  const Token& next() { return m_tokens[m_pos++]; }

  static bool starts_operand(Token::Kind k)
  {
    return k == Token::Kind::word || k == Token::Kind::phrase || k == Token::Kind::lparen
           || k == Token::Kind::ref;
  }

  NodePtr parse_expr()
  {
    auto left = parse_operand(nullptr);
    for (;;) {
      const Token& t = peek();
      Node::Kind kind;
      const Token* op = nullptr;
      if (t.kind == Token::Kind::op_and || t.kind == Token::Kind::op_or || t.kind == Token::Kind::op_not) {
        kind = t.kind == Token::Kind::op_and  ? Node::Kind::op_and
               : t.kind == Token::Kind::op_or ? Node::Kind::op_or
                                              : Node::Kind::op_not;
        op = &next();
      } else if (starts_operand(t.kind)) {
        kind = Node::Kind::op_and; // PubMed's implicit AND
      } else {
        return left;
      }
      auto right = parse_operand(op);
      auto node = std::make_shared<Node>();
      node->kind = kind;
      node->line = left->line;
      node->col = left->col;
      node->children = {left, right};
      left = node;
    }
  }

  // `after` is the operator before the operand (for messages), or null.
  NodePtr parse_operand(const Token* after)
  {
    const Token& t = peek();
    switch (t.kind) {
    case Token::Kind::lparen: {
      const Token& open = next();
      if (peek().kind == Token::Kind::rparen) {
        fail_at(m_label, open.line, open.col, "empty parentheses, expected an expression between '(' and ')'");
      }
      auto inner = parse_expr();
      const Token& close = peek();
      if (close.kind != Token::Kind::rparen) {
        if (close.kind == Token::Kind::end) {
          fail_at(m_label, open.line, open.col,
                  fmt::format("unbalanced parenthesis: expected ')' before end of line {}", close.line));
        }
        fail_at(m_label, close.line, close.col,
                fmt::format("unexpected '{}', expected an operator or ')'", close.text));
      }
      next();
      reject_tag_after(close);
      auto node = std::make_shared<Node>();
      node->kind = Node::Kind::group;
      node->line = open.line;
      node->col = open.col;
      node->children = {inner};
      return node;
    }
    case Token::Kind::ref: {
      const Token& ref = next();
      reject_tag_after(ref);
      auto node = std::make_shared<Node>();
      node->kind = Node::Kind::reference;
      node->reference = ref.number;
      node->line = ref.line;
      node->col = ref.col;
      node->children = {m_resolve(ref.number, ref.line, ref.col)};
      return node;
    }
    case Token::Kind::word:
    case Token::Kind::phrase:
      return parse_term();
    default:
      break;
    }
    if (after != nullptr) {
      const Token& where = t.kind == Token::Kind::end ? *after : t;
      fail_at(m_label, where.line, where.col, fmt::format("missing term after {}, {}", after->text, k_expected_term));
    }
    if (t.kind == Token::Kind::end) {
      fail_at(m_label, t.line, t.col, fmt::format("unexpected end of expression, {}", k_expected_term));
    }
    if (t.kind == Token::Kind::rparen) {
      fail_at(m_label, t.line, t.col, "unbalanced parenthesis: ')' without '('");
    }
    if (t.kind == Token::Kind::tag) {
      fail_at(m_label, t.line, t.col, fmt::format("field tag [{}] without a term, expected a term before it", t.text));
    }
    fail_at(m_label, t.line, t.col, fmt::format("unexpected '{}', {}", t.text, k_expected_term));
  }

  void reject_tag_after(const Token& before)
  {
    const Token& t = peek();
    if (t.kind == Token::Kind::tag) {
      fail_at(m_label, t.line, t.col,
              fmt::format("field tag [{}] after '{}', expected a tag right after a term or \"phrase\"", t.text,
                          before.text));
    }
  }

  // A "phrase" or a run of words, an optional [tag], and for dates an optional ': to[dp]'.
  NodePtr parse_term()
  {
    auto node = std::make_shared<Node>();
    const Token& first = peek();
    node->line = first.line;
    node->col = first.col;
    if (first.kind == Token::Kind::phrase) {
      node->is_phrase = true;
      node->text = next().text;
    } else {
      std::string text;
      while (peek().kind == Token::Kind::word) {
        if (!text.empty()) {
          text += ' ';
        }
        text += next().text;
      }
      node->text = std::move(text);
    }
    check_truncation(*node);
    read_tag(*node);
    if (peek().kind == Token::Kind::colon) {
      return parse_range(node);
    }
    if (node->field == Field::dp) {
      if (!node->is_phrase && node->text.find(':') != std::string::npos) {
        return compact_range(node);
      }
      check_date(*node, node->text);
    }
    return node;
  }

  void read_tag(Node& node)
  {
    if (peek().kind != Token::Kind::tag) {
      return;
    }
    const Token& tag = next();
    auto field = field_of_tag(tag.text);
    if (!field) {
      fail_at(m_label, tag.line, tag.col,
              fmt::format("unknown field tag [{}], expected a tag such as [tiab] [ti] [ab] [tw] [au] [mh] "
                          "[majr] [pt] [la] [dp] [ta] [ot] (see queries/README.md)",
                          tag.text));
    }
    node.tag = tag.text;
    node.field = *field;
  }

  void check_truncation(Node& node)
  {
    std::string_view text = node.text;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '*' && i + 1 < text.size() && text[i + 1] != ' ') {
        fail_at(m_label, node.line, node.col,
                fmt::format("truncation inside a word in '{}', expected '*' only at the end of a word", node.text));
      }
      if (text[i] == '*' && (i == 0 || text[i - 1] == ' ')) {
        fail_at(m_label, node.line, node.col,
                fmt::format("'*' without a word in '{}', expected '*' at the end of a word", node.text));
      }
    }
    node.truncated = !text.empty() && text.back() == '*';
  }

  void check_date(const Node& node, std::string_view text)
  {
    if (node.truncated || !parse_day_span(text)) {
      fail_at(m_label, node.line, node.col,
              fmt::format("bad date '{}' in [{}], expected YYYY, YYYY/MM or YYYY/MM/DD", text, node.tag));
    }
  }

  NodePtr parse_range(const std::shared_ptr<Node>& from)
  {
    const Token& colon = next();
    if (peek().kind != Token::Kind::word && peek().kind != Token::Kind::phrase) {
      fail_at(m_label, colon.line, colon.col, "missing end of date range after ':', expected a date like \"2013/11/30\"[dp]");
    }
    auto to = std::make_shared<Node>();
    const Token& t = next();
    to->line = t.line;
    to->col = t.col;
    to->is_phrase = t.kind == Token::Kind::phrase;
    to->text = t.text;
    read_tag(*to);
    if (to->field != Field::dp || (from->field != Field::dp && from->field != Field::none)) {
      fail_at(m_label, colon.line, colon.col, "date range without [dp], expected \"YYYY/MM/DD\"[dp] : \"YYYY/MM/DD\"[dp]");
    }
    if (from->field == Field::none) {
      from->field = Field::dp; // "1990" : "2013"[dp]: the tag applies to both ends
    }
    check_date(*from, from->text);
    check_date(*to, to->text);
    auto node = std::make_shared<Node>();
    node->kind = Node::Kind::date_range;
    node->field = Field::dp;
    node->tag = to->tag;
    node->line = from->line;
    node->col = from->col;
    node->children = {from, to};
    return node;
  }

  NodePtr compact_range(const std::shared_ptr<Node>& word)
  {
    auto colon = word->text.find(':');
    auto from = std::make_shared<Node>(*word);
    auto to = std::make_shared<Node>(*word);
    from->text = word->text.substr(0, colon);
    to->text = word->text.substr(colon + 1);
    check_date(*word, from->text);
    check_date(*word, to->text);
    auto node = std::make_shared<Node>(*word);
    node->kind = Node::Kind::date_range;
    node->compact = true;
    node->children = {from, to};
    return node;
  }

  std::vector<Token> m_tokens;
  std::size_t m_pos = 0;
  const std::string& m_label;
  const Resolver& m_resolve;
};

} // namespace

int count_chars(std::string_view s)
{
  int n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++n;
    }
  }
  return n;
}

void fail_at(const std::string& label, int line, int col, const std::string& what)
{
  throw Error(fmt::format("{}:{}:{}: {}", label, line, col, what));
}

NodePtr parse_segments(const std::vector<Segment>& segments, const std::string& label, const Resolver& resolve)
{
  Lexer lexer(segments, label);
  Parser parser(lexer.take(), label, resolve);
  return parser.parse_all();
}

NodePtr parse_expression(std::string_view text, const std::string& label, int line, int col_offset)
{
  std::vector<Segment> segments{{text, line, col_offset + 1}};
  Resolver no_lines = [&label](int number, int at_line, int at_col) -> NodePtr {
    fail_at(label, at_line, at_col, fmt::format("#{} refers to a line that does not exist", number));
  };
  return parse_segments(segments, label, no_lines);
}

} // namespace synth::query
