#include "synth/screen/criteria.hpp"

#include "synth/core/error.hpp"
#include "synth/core/normalise.hpp"
#include "synth/screen/criteria_lexer.hpp"
#include "synth/util/date.hpp"
#include "synth/util/input.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace synth::screen {

using detail::Token;

namespace {

// A condition nested deeper than this ("(((...", "not not not ...", a sum of more terms) is
// refused at the token that goes past it: the parser and the evaluation recurse, and no
// real criterion comes near it. A `matches` expression has at most k_max_match_words words.
constexpr int k_max_depth = 1000;
constexpr std::size_t k_max_match_words = 1000;

// The nesting error: not caught by the parser's backtracking (which would try every way
// of reading the parentheses again, exponentially many).
class TooDeep : public Error
{
public:
  using Error::Error;
};

// The deepest nesting of parentheses outside "phrases".
int paren_depth(std::string_view s)
{
  int depth = 0;
  int deepest = 0;
  bool quoted = false;
  for (char c : s) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && c == '(') {
      deepest = std::max(deepest, ++depth);
    } else if (!quoted && c == ')') {
      --depth;
    }
  }
  return deepest;
}

std::size_t count_words(std::string_view s)
{
  std::size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')';
    n += !space && !in_word;
    in_word = !space;
  }
  return n;
}

std::optional<double> number_of(std::string_view s)
{
  double value = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) {
    return std::nullopt;
  }
  return value;
}

// 1990, 1990-06 or 1990-06-01, a date the calendar has (not 1990-13-45, not 2023-02-29).
bool is_date(std::string_view s)
{
  return s.find('/') == std::string_view::npos && util::parse_iso_date(s).has_value();
}

std::optional<FieldId> record_field(std::string_view name)
{
  std::string n = util::to_lower(name);
  if (n == "language" || n == "lang")
    return FieldId::language;
  if (n == "year")
    return FieldId::year;
  if (n == "date")
    return FieldId::date;
  if (n == "type" || n == "publication-type")
    return FieldId::type;
  if (n == "source" || n == "database")
    return FieldId::source;
  if (n == "journal")
    return FieldId::journal;
  if (n == "issn")
    return FieldId::issn;
  if (n == "doi")
    return FieldId::doi;
  if (n == "pmid")
    return FieldId::pmid;
  if (n == "title")
    return FieldId::title;
  if (n == "abstract")
    return FieldId::abstract;
  if (n == "title-abstract" || n == "tiab")
    return FieldId::title_abstract;
  return std::nullopt;
}

// The comparison a symbol token spells ("=" and "==" alike); nullopt for any other token.
std::optional<CompareOp> compare_op(const Token& t)
{
  static const std::vector<std::pair<std::string, CompareOp>> ops = {
    {"<", CompareOp::lt}, {"<=", CompareOp::le}, {">", CompareOp::gt}, {">=", CompareOp::ge},
    {"=", CompareOp::eq}, {"==", CompareOp::eq}, {"!=", CompareOp::ne}};
  if (t.kind == Token::Kind::symbol) {
    for (const auto& [text, o] : ops) {
      if (t.text == text) {
        return o;
      }
    }
  }
  return std::nullopt;
}

bool is_keyword(const Token& t, std::string_view word)
{
  return t.kind == Token::Kind::word && util::iequals(t.text, word);
}

std::string describe(const Token& t)
{
  switch (t.kind) {
  case Token::Kind::end:
    return "end of rule";
  case Token::Kind::string:
    return fmt::format("\"{}\"", t.text);
  default:
    return fmt::format("'{}'", t.text);
  }
}

class RuleParser
{
public:
  RuleParser(std::vector<Token> tokens, const std::string& label, Criteria& criteria)
    : m_tokens(std::move(tokens)), m_label(label), m_criteria(criteria)
  {
    Token end;
    end.kind = Token::Kind::end;
    const Token& last = m_tokens.back();
    end.line = last.line;
    end.col = last.col + detail::count_chars(last.text) + (last.kind == Token::Kind::string ? 2 : 0);
    m_tokens.push_back(end);
  }

  Rule parse()
  {
    Rule rule;
    const Token& st = next();
    auto stage = parse_stage(st.text);
    if (st.kind != Token::Kind::word || !stage) {
      fail(st, fmt::format("unknown stage {}", describe(st)),
           "automatic, title, abstract, title-abstract or full-text");
    }
    rule.stage = *stage;
    rule.line = st.line;
    const Token& act = next();
    if (is_keyword(act, "exclude")) {
      rule.action = Action::exclude;
    } else if (is_keyword(act, "flag")) {
      rule.action = Action::flag;
    } else {
      fail(act, fmt::format("unknown action {}", describe(act)), "exclude or flag");
    }
    const Token& reason = next();
    if (reason.kind != Token::Kind::string || util::trim(reason.text).empty()) {
      fail(reason, fmt::format("{} is not a reason", describe(reason)),
           "the reason in double quotes, e.g. \"Not in English\"");
    }
    rule.reason = std::string(util::trim(reason.text));
    const Token& when = next();
    if (!is_keyword(when, "when")) {
      fail(when, fmt::format("unexpected {}", describe(when)), "'when'");
    }
    rule.condition = parse_or();
    if (peek().kind != Token::Kind::end) {
      fail(peek(), fmt::format("unexpected {}", describe(peek())), "'and', 'or' or the end of the rule");
    }
    return rule;
  }

private:
  [[noreturn]] void fail(const Token& at, const std::string& what, const std::string& expected)
  {
    throw Error(fmt::format("{}:{}:{}: {}, expected {}", m_label, at.line, at.col, what, expected));
  }
  const Token& peek(std::size_t ahead = 0) const { return m_tokens[std::min(m_pos + ahead, m_tokens.size() - 1)]; }
  const Token& next()
  {
    const Token& t = peek();
    if (m_pos < m_tokens.size() - 1) {
      ++m_pos;
    }
    return t;
  }

  std::unique_ptr<Condition> combine(Condition::Kind kind, std::unique_ptr<Condition> a, std::unique_ptr<Condition> b)
  {
    if (a->kind == kind) {
      // "a and b and c" is one node of three children, not a chain as deep as it is long.
      a->children.push_back(std::move(b));
      return a;
    }
    auto node = std::make_unique<Condition>();
    node->kind = kind;
    node->children.push_back(std::move(a));
    node->children.push_back(std::move(b));
    return node;
  }

  std::unique_ptr<Condition> parse_or()
  {
    auto left = parse_and();
    while (is_keyword(peek(), "or")) {
      next();
      left = combine(Condition::Kind::op_or, std::move(left), parse_and());
    }
    return left;
  }

  std::unique_ptr<Condition> parse_and()
  {
    auto left = parse_unary();
    while (is_keyword(peek(), "and")) {
      next();
      left = combine(Condition::Kind::op_and, std::move(left), parse_unary());
    }
    return left;
  }

  // One level deeper while it lives; past k_max_depth, a TooDeep error at `at`.
  class Deeper
  {
  public:
    Deeper(RuleParser& p, const Token& at) : m_p(p)
    {
      if (++m_p.m_depth > k_max_depth) {
        throw TooDeep(fmt::format("{}:{}:{}: condition nested deeper than {} levels, expected a simpler "
                                  "condition (split it into several rules)",
                                  m_p.m_label, at.line, at.col, k_max_depth));
      }
    }
    ~Deeper() { --m_p.m_depth; }
    Deeper(const Deeper&) = delete;
    Deeper& operator=(const Deeper&) = delete;

  private:
    RuleParser& m_p;
  };

  std::unique_ptr<Condition> parse_unary()
  {
    Deeper deeper(*this, peek());
    if (is_keyword(peek(), "not")) {
      next();
      auto node = std::make_unique<Condition>();
      node->kind = Condition::Kind::op_not;
      node->children.push_back(parse_unary());
      return node;
    }
    if (peek().kind == Token::Kind::symbol && peek().text == "(") {
      // A parenthesised condition, or arithmetic: "(a - b) / a < 0.5".
      std::size_t saved = m_pos;
      std::size_t saved_columns = m_criteria.columns.size();
      try {
        next();
        auto inner = parse_or();
        if (peek().kind == Token::Kind::symbol && peek().text == ")") {
          next();
          const Token& after = peek();
          bool arithmetic = after.kind == Token::Kind::symbol && after.text != ")" && after.text != ",";
          if (!arithmetic) {
            return inner;
          }
        }
      } catch (const TooDeep&) {
        throw;
      } catch (const Error&) {
      }
      m_pos = saved;
      m_criteria.columns.resize(saved_columns);
      m_criteria.numeric.resize(saved_columns);
    }
    return parse_predicate();
  }

  std::unique_ptr<Condition> parse_predicate();
  std::unique_ptr<NumExpr> parse_sum();
  std::unique_ptr<NumExpr> parse_product();
  // A symbol of binary arithmetic and the node it makes.
  using BinaryOp = std::pair<std::string_view, NumExpr::Kind>;
  // One left-associative level of arithmetic: operands read by `operand`, joined by op1 or op2; more
  // operators than k_max_depth (less the nesting it stands in) is TooDeep.
  std::unique_ptr<NumExpr> parse_chain(BinaryOp op1, BinaryOp op2, std::unique_ptr<NumExpr> (RuleParser::*operand)());
  std::unique_ptr<NumExpr> parse_factor();
  std::vector<std::string> parse_values(const Condition& c);
  std::string normalise_value(const Condition& c, const Token& t);
  int column(const std::string& name, bool numeric);

  std::vector<Token> m_tokens;
  std::size_t m_pos = 0;
  int m_depth = 0;
  const std::string& m_label;
  Criteria& m_criteria;
};

std::unique_ptr<Condition> RuleParser::parse_predicate()
{
  const Token& first = peek();
  std::optional<FieldId> field;
  if (first.kind == Token::Kind::word) {
    field = record_field(first.text);
  }
  auto node = std::make_unique<Condition>();
  node->field_name = first.text;
  const Token& second = peek(1);
  bool text_op = is_keyword(second, "is") || is_keyword(second, "in") || is_keyword(second, "not");
  if (first.kind == Token::Kind::word && !number_of(first.text) && text_op
      && (!field || (*field != FieldId::year && *field != FieldId::date))) {
    // field is [not] value | field [not] in value, value ...
    next();
    node->kind = Condition::Kind::is_in;
    node->field = field.value_or(FieldId::extraction);
    if (node->field == FieldId::title || node->field == FieldId::abstract || node->field == FieldId::title_abstract) {
      fail(second, fmt::format("unexpected {} after {}", describe(second), first.text), "'matches'");
    }
    if (node->field == FieldId::extraction) {
      node->column = column(first.text, false);
    }
    const Token& op = next();
    if (is_keyword(op, "is")) {
      if (is_keyword(peek(), "not")) {
        next();
        node->negated = true;
      }
      if (is_keyword(peek(), "in")) {
        next();
      }
    } else if (is_keyword(op, "not")) {
      node->negated = true;
      if (!is_keyword(peek(), "in")) {
        fail(peek(), fmt::format("unexpected {} after 'not'", describe(peek())), "'in'");
      }
      next();
    }
    node->values = parse_values(*node);
    return node;
  }
  if (field && (*field == FieldId::title || *field == FieldId::abstract || *field == FieldId::title_abstract)) {
    next();
    const Token& op = next();
    if (!is_keyword(op, "matches")) {
      fail(op, fmt::format("unexpected {} after {}", describe(op), first.text), "'matches'");
    }
    const Token& raw = next();
    if (raw.kind != Token::Kind::raw || raw.text.empty()) {
      fail(raw, "missing expression after 'matches'", "words, \"phrases\" or truncated terms like interview*");
    }
    if (paren_depth(raw.text) > k_max_depth) {
      fail(raw, fmt::format("the expression after 'matches' is nested deeper than {} parentheses", k_max_depth),
           "a simpler expression");
    }
    if (auto words = count_words(raw.text); words > k_max_match_words) {
      fail(raw, fmt::format("the expression after 'matches' has {} words, more than {}", words, k_max_match_words),
           "a shorter expression (split it into several rules)");
    }
    node->kind = Condition::Kind::matches;
    node->field = *field;
    node->matcher = std::make_shared<TextMatcher>(TextMatcher::parse(raw.text, m_label, raw.line, raw.col));
    return node;
  }
  if (field && *field == FieldId::date) {
    next();
    node->kind = Condition::Kind::date_cmp;
    node->field = FieldId::date;
    const Token& op = next();
    auto cmp = compare_op(op);
    if (!cmp) {
      fail(op, fmt::format("unexpected {} after date", describe(op)), "<, <=, >, >=, = or !=");
    }
    node->op = *cmp;
    const Token& value = next();
    if (value.kind != Token::Kind::word || !is_date(value.text)) {
      fail(value, fmt::format("{} is not a date", describe(value)), "a date like 1990, 1990-06 or 1990-06-01");
    }
    node->iso = value.text;
    return node;
  }
  // Numeric comparison.
  node->kind = Condition::Kind::compare;
  node->left = parse_sum();
  const Token& op = next();
  auto cmp = compare_op(op);
  if (!cmp) {
    fail(op, fmt::format("unexpected {}", describe(op)), "a comparison (<, <=, >, >=, = or !=), 'is' or 'in'");
  }
  node->op = *cmp;
  node->right = parse_sum();
  return node;
}

std::unique_ptr<NumExpr> RuleParser::parse_sum()
{
  Deeper deeper(*this, peek());
  return parse_chain({"+", NumExpr::Kind::add}, {"-", NumExpr::Kind::sub}, &RuleParser::parse_product);
}

std::unique_ptr<NumExpr> RuleParser::parse_product()
{
  return parse_chain({"*", NumExpr::Kind::mul}, {"/", NumExpr::Kind::div}, &RuleParser::parse_factor);
}

std::unique_ptr<NumExpr> RuleParser::parse_chain(BinaryOp op1, BinaryOp op2,
                                                 std::unique_ptr<NumExpr> (RuleParser::*operand)())
{
  auto left = (this->*operand)();
  int operands = 0;
  while (peek().kind == Token::Kind::symbol && (peek().text == op1.first || peek().text == op2.first)) {
    if (++operands + m_depth > k_max_depth) {
      throw TooDeep(fmt::format("{}:{}:{}: arithmetic of more than {} terms, expected a shorter expression", m_label,
                                peek().line, peek().col, k_max_depth));
    }
    auto node = std::make_unique<NumExpr>();
    node->kind = next().text == op1.first ? op1.second : op2.second;
    node->left = std::move(left);
    node->right = (this->*operand)();
    left = std::move(node);
  }
  return left;
}

std::unique_ptr<NumExpr> RuleParser::parse_factor()
{
  const Token& t = next();
  auto node = std::make_unique<NumExpr>();
  if (t.kind == Token::Kind::symbol && t.text == "(") {
    auto inner = parse_sum();
    const Token& close = next();
    if (close.kind != Token::Kind::symbol || close.text != ")") {
      fail(close, fmt::format("unexpected {}", describe(close)), "')'");
    }
    return inner;
  }
  if (t.kind == Token::Kind::word) {
    if (auto n = number_of(t.text)) {
      node->kind = NumExpr::Kind::number;
      node->number = *n;
      return node;
    }
    auto field = record_field(t.text);
    if (field && *field == FieldId::year) {
      node->kind = NumExpr::Kind::year;
      node->name = "year";
      return node;
    }
    if (field) {
      fail(t, fmt::format("'{}' is not a number", t.text),
           field == FieldId::date ? std::string("date <, <=, >, >= or = a date like 1990-06-01")
                                  : fmt::format("'{} is ...' or '{} in ...'", t.text, t.text));
    }
    char c0 = t.text[0];
    if (!((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z') || c0 == '_')) {
      fail(t, fmt::format("'{}' is not a number or a column name", t.text),
           "a number, year or an extraction column like participants");
    }
    node->kind = NumExpr::Kind::column;
    node->name = t.text;
    node->column = column(t.text, true);
    return node;
  }
  fail(t, fmt::format("unexpected {}", describe(t)),
       "a field (language, year, date, type, source, journal, issn, title, abstract, "
       "title-abstract), an extraction column or a number");
}

std::vector<std::string> RuleParser::parse_values(const Condition& c)
{
  std::vector<std::string> values;
  bool paren = peek().kind == Token::Kind::symbol && peek().text == "(";
  if (paren) {
    next();
  }
  for (;;) {
    const Token& v = next();
    if (v.kind != Token::Kind::word && v.kind != Token::Kind::string) {
      fail(v, fmt::format("unexpected {}", describe(v)), fmt::format("a value of {}", c.field_name));
    }
    values.push_back(normalise_value(c, v));
    if (peek().kind == Token::Kind::symbol && peek().text == ",") {
      next();
      continue;
    }
    break;
  }
  if (paren) {
    const Token& close = next();
    if (close.kind != Token::Kind::symbol || close.text != ")") {
      fail(close, fmt::format("unexpected {}", describe(close)), "',' or ')'");
    }
  }
  return values;
}

std::string RuleParser::normalise_value(const Condition& c, const Token& t)
{
  switch (c.field) {
  case FieldId::language: {
    std::string code = normalise_language(t.text);
    bool ok = code.size() == 3;
    for (char ch : code) {
      ok = ok && ch >= 'a' && ch <= 'z';
    }
    if (!ok) {
      fail(t, fmt::format("unknown language {}", describe(t)),
           "a language name or ISO 639 code like eng, english or en");
    }
    return code;
  }
  case FieldId::type: {
    std::string type = util::to_lower(t.text);
    for (const auto& known : known_types()) {
      if (known == type) {
        return type;
      }
    }
    fail(t, fmt::format("unknown publication type {}", describe(t)), "one of " + util::join(known_types(), ", "));
  }
  case FieldId::issn:
    return normalise_issn(t.text);
  case FieldId::doi:
    return normalise_doi(t.text);
  case FieldId::pmid:
    return std::string(util::trim(t.text));
  default:
    return util::fold(t.text);
  }
}

int RuleParser::column(const std::string& name, bool numeric)
{
  for (std::size_t i = 0; i < m_criteria.columns.size(); ++i) {
    if (util::iequals(m_criteria.columns[i], name)) {
      m_criteria.numeric[i] = m_criteria.numeric[i] || numeric;
      return static_cast<int>(i);
    }
  }
  m_criteria.columns.push_back(name);
  m_criteria.numeric.push_back(numeric);
  return static_cast<int>(m_criteria.columns.size() - 1);
}

// The line up to a '#' outside double quotes.
std::string_view without_comment(std::string_view line)
{
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"') {
      quoted = !quoted;
    } else if (line[i] == '#' && !quoted) {
      return line.substr(0, i);
    }
  }
  return line;
}

// What follows `when` (after the quoted reason) in a rule's text.
std::string condition_text(std::string_view rule)
{
  auto close = rule.find('"', rule.find('"') + 1);
  std::string lower = util::to_lower(rule);
  auto when = lower.find("when", close == std::string_view::npos ? 0 : close + 1);
  if (when == std::string::npos) {
    return std::string(util::trim(rule));
  }
  return std::string(util::trim(rule.substr(when + 4)));
}

} // namespace

const std::vector<std::string>& known_types()
{
  static const std::vector<std::string> types = {
    "journal-article", "review",   "editorial",    "letter", "comment", "conference", "book",
    "book-chapter",    "preprint", "dissertation", "news",   "erratum", "retraction", "other"};
  return types;
}

Criteria parse_criteria(std::string_view text, const std::string& label)
{
  if (auto nul = text.find('\0'); nul != std::string_view::npos) {
    auto line = util::line_of(text, nul);
    auto start = nul == 0 ? std::string_view::npos : text.find_last_of("\r\n", nul - 1);
    auto from = start == std::string_view::npos ? 0 : start + 1;
    auto col = detail::count_chars(text.substr(from, nul - from)) + 1; // characters, as the parser counts
    throw Error(fmt::format("{}:{}:{}: NUL byte in the text, expected UTF-8 text", label, line, col));
  }
  Criteria criteria;
  util::LineReader reader(text);
  std::string_view line;
  std::vector<Token> tokens;
  std::string written; // the rule's lines, comments removed, for Rule::text
  auto flush = [&] {
    if (!tokens.empty()) {
      criteria.rules.push_back(RuleParser(std::move(tokens), label, criteria).parse());
      criteria.rules.back().text = condition_text(written);
      tokens.clear();
    }
    written.clear();
  };
  while (reader.next(line)) {
    int n = static_cast<int>(reader.line_number());
    std::string_view body = util::trim(line);
    if (body.empty() || body.front() == '#') {
      continue;
    }
    bool continuation = line.front() == ' ' || line.front() == '\t';
    if (!continuation) {
      flush();
      if (detail::parse_option_line(line, n, label, criteria.options)) {
        continue;
      }
    } else if (tokens.empty()) {
      throw Error(fmt::format("{}:{}:1: indented line without a rule before it, expected a rule "
                              "starting at column 1 (an indented line continues the rule above)",
                              label, n));
    }
    detail::lex_line(line, n, label, tokens);
    if (!written.empty()) {
      written += ' ';
    }
    written += util::trim(without_comment(line));
  }
  flush();
  return criteria;
}

Criteria read_criteria(const std::filesystem::path& path, const std::string& label)
{
  std::string text;
  try {
    text = util::read_file(path);
  } catch (const std::exception& e) {
    throw Error(e.what());
  }
  return parse_criteria(text, label.empty() ? path.string() : label);
}

} // namespace synth::screen
