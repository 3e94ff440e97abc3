#include "synth/query/lexer.hpp"

#include "synth/util/text.hpp"

#include <fmt/format.h>

namespace synth::query {

namespace {

// The quote characters a phrase may open or close with, and their width in bytes.
enum class Quote { none, straight, curly };

Quote quote_at(std::string_view s, std::size_t i, std::size_t& width)
{
  if (s[i] == '"') {
    width = 1;
    return Quote::straight;
  }
  // “ ” „ (U+201C U+201D U+201E)
  if (i + 2 < s.size() && s[i] == '\xE2' && s[i + 1] == '\x80'
      && (s[i + 2] == '\x9C' || s[i + 2] == '\x9D' || s[i + 2] == '\x9E')) {
    width = 3;
    return Quote::curly;
  }
  width = 0;
  return Quote::none;
}

// Spaces: blank, tab, and the no-break space of text pasted from web pages.
std::size_t space_at(std::string_view s, std::size_t i)
{
  if (s[i] == ' ' || s[i] == '\t') {
    return 1;
  }
  if (s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
    return 2;
  }
  return 0;
}

bool ends_word(std::string_view s, std::size_t i)
{
  char c = s[i];
  std::size_t w = 0;
  return c == '(' || c == ')' || c == '[' || c == ']' || space_at(s, i) != 0 || quote_at(s, i, w) != Quote::none;
}

bool is_ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

class Lexer
{
public:
  Lexer(std::vector<Finding>& findings) : m_findings(findings) {}

  void lex(const Segment& seg)
  {
    m_s = seg.text;
    m_line = seg.line;
    m_i = 0;
    m_col = seg.col;
    while (m_i < m_s.size()) {
      if (auto w = space_at(m_s, m_i)) {
        step(w);
        continue;
      }
      if (m_s[m_i] == '#' && (m_i + 1 == m_s.size() || space_at(m_s, m_i + 1) != 0)) {
        return; // "# text": a comment to the end of the line
      }
      lex_token();
    }
  }

  void reserve(std::size_t tokens) { m_tokens.reserve(tokens); }

  std::vector<Token> finish(const std::vector<Segment>& segments)
  {
    Token end;
    end.kind = Token::Kind::end;
    end.line = segments.empty() ? 0 : segments.back().line;
    end.col = segments.empty() ? 0 : segments.back().col + count_chars(segments.back().text);
    m_tokens.push_back(end);
    return std::move(m_tokens);
  }

private:
  [[noreturn]] void stop(std::string_view code, int col, std::string message, std::string fix = {})
  {
    throw ParseStop{finding(code, m_line, col, std::move(message), std::move(fix))};
  }

  // Moves `bytes` bytes on, counting columns in characters.
  void step(std::size_t bytes)
  {
    m_col += count_chars(m_s.substr(m_i, bytes));
    m_i += bytes;
  }

  Token start(Token::Kind kind) const
  {
    Token t;
    t.kind = kind;
    t.line = m_line;
    t.col = m_col;
    return t;
  }

  void lex_token()
  {
    char c = m_s[m_i];
    std::size_t qw = 0;
    if (quote_at(m_s, m_i, qw) != Quote::none) {
      lex_phrase();
    } else if (c == '#') {
      lex_reference();
    } else if (c == '(' || c == ')') {
      auto t = start(c == '(' ? Token::Kind::lparen : Token::Kind::rparen);
      t.text = std::string(1, c);
      step(1);
      m_tokens.push_back(std::move(t));
      if (c == ')') {
        check_after("')'");
      }
    } else if (c == '[') {
      lex_tag();
    } else if (c == ']') {
      stop("SYNTAX", m_col, "']' without '[', expected a field tag like [tiab]");
    } else {
      lex_word();
    }
  }

  void lex_phrase()
  {
    auto t = start(Token::Kind::phrase);
    std::size_t open_width = 0;
    Quote open = quote_at(m_s, m_i, open_width);
    std::size_t j = m_i + open_width;
    std::size_t close_width = 0;
    Quote close = Quote::none;
    while (j < m_s.size()) {
      close = quote_at(m_s, j, close_width);
      if (close != Quote::none) {
        break;
      }
      ++j;
    }
    if (close == Quote::none) {
      stop("QUOTE", t.col, fmt::format("unterminated phrase: expected a closing quote before end of line {}", m_line),
           "close the phrase, or remove the stray quote");
    }
    auto inner = m_s.substr(m_i + open_width, j - m_i - open_width);
    int close_col = t.col + 1 + count_chars(inner);
    if (open != close) {
      stop("QUOTE", t.col,
           fmt::format("quotes do not pair: the phrase opened at column {} with {} is closed at column {} with {}",
                       t.col, open == Quote::straight ? "a straight quote" : "a typographic quote", close_col,
                       close == Quote::straight ? "a straight quote" : "a typographic quote"),
           "write both quotes as \"");
    }
    if (inner.find('[') != std::string_view::npos || inner.find(']') != std::string_view::npos) {
      stop("QUOTE", t.col,
           fmt::format("the phrase {}{}{} holds a field tag: a quote is missing or misplaced", '"',
                       util::collapse_space(inner), '"'),
           "close each phrase before its tag: \"digital health\"[tiab]");
    }
    t.text = util::collapse_space(inner);
    t.curly = open == Quote::curly;
    if (t.text.empty()) {
      stop("SYNTAX", t.col, "empty phrase \"\", expected words between the quotes");
    }
    if (t.curly) {
      m_findings.push_back(finding("QUOTE-CURLY", t.line, t.col,
                                   fmt::format("the phrase “{}” is in typographic quotes: synth sends it in straight "
                                               "quotes, as PubMed reads a phrase",
                                               t.text),
                                   "write straight quotes \"...\""));
    }
    step(j + close_width - m_i);
    m_tokens.push_back(std::move(t));
    check_after("the phrase");
  }

  void lex_reference()
  {
    auto t = start(Token::Kind::ref);
    std::size_t j = m_i + 1;
    while (j < m_s.size() && m_s[j] >= '0' && m_s[j] <= '9') {
      ++j;
    }
    if (j == m_i + 1 || (j < m_s.size() && !ends_word(m_s, j))) {
      stop("SYNTAX", t.col, "'#' must start a reference like #3 or a comment like '# text'");
    }
    if (j - m_i > 7) {
      stop("LINE", t.col, "line number too large, expected at most 6 digits after '#'");
    }
    t.text = std::string(m_s.substr(m_i, j - m_i));
    t.number = std::stoi(t.text.substr(1));
    step(j - m_i);
    m_tokens.push_back(std::move(t));
  }

  void lex_tag()
  {
    auto t = start(Token::Kind::tag);
    auto close = m_s.find(']', m_i + 1);
    if (close == std::string_view::npos) {
      stop("SYNTAX", t.col, fmt::format("unclosed field tag: expected ']' before end of line {}", m_line));
    }
    t.text = std::string(util::trim(m_s.substr(m_i + 1, close - m_i - 1)));
    step(close + 1 - m_i);
    std::string what = "the tag [" + t.text + "]";
    m_tokens.push_back(std::move(t));
    check_after(what);
  }

  void lex_word()
  {
    auto t = start(Token::Kind::word);
    std::size_t j = m_i;
    while (j < m_s.size() && !ends_word(m_s, j)) {
      ++j;
    }
    t.text = std::string(m_s.substr(m_i, j - m_i));
    t.kind = t.text == "AND"   ? Token::Kind::op_and
             : t.text == "OR"  ? Token::Kind::op_or
             : t.text == "NOT" ? Token::Kind::op_not
             : t.text == ":"   ? Token::Kind::colon
                               : Token::Kind::word;
    step(j - m_i);
    m_tokens.push_back(std::move(t));
  }

  // After ')', a tag or a phrase, a character that cannot start anything is stray:
  // `Humans[Mesh]/`, `)*`, `"breast feed"*`.
  void check_after(const std::string& what)
  {
    if (m_i >= m_s.size()) {
      return;
    }
    char c = m_s[m_i];
    if (ends_word(m_s, m_i) || c == ':' || is_ascii_alnum(c) || static_cast<unsigned char>(c) >= 0x80) {
      return;
    }
    std::string fix = c == '*' ? "truncate a word inside the term (interview*), not a group or a phrase"
                               : fmt::format("remove the '{}' or put a space before what follows", c);
    stop("STRAY", m_col, fmt::format("stray '{}' after {}", c, what), std::move(fix));
  }

  std::vector<Finding>& m_findings;
  std::vector<Token> m_tokens;
  std::string_view m_s;
  std::size_t m_i = 0;
  int m_line = 0;
  int m_col = 0;
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

std::vector<Token> lex(const std::vector<Segment>& segments, std::vector<Finding>& findings)
{
  Lexer lexer(findings);
  std::size_t bytes = 0;
  for (const auto& segment : segments) {
    bytes += segment.text.size();
  }
  lexer.reserve(bytes / 6 + 4);
  for (const auto& segment : segments) {
    lexer.lex(segment);
  }
  return lexer.finish(segments);
}

} // namespace synth::query
