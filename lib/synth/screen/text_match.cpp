#include "synth/screen/text_match.hpp"

#include "synth/core/error.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

namespace synth::screen {

namespace {

bool is_ascii(std::string_view s)
{
  for (unsigned char c : s) {
    if (c >= 0x80) {
      return false;
    }
  }
  return true;
}

bool is_alnum(unsigned char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Appends the folded words of `text` to `out` as "w1 w2 ... " and their (start, length).
void fold_into(std::string_view text, std::string& out, std::vector<std::size_t>& offsets)
{
  if (is_ascii(text)) {
    std::size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && !is_alnum(static_cast<unsigned char>(text[i]))) {
        ++i;
      }
      std::size_t start = out.size();
      while (i < text.size() && is_alnum(static_cast<unsigned char>(text[i]))) {
        char c = text[i++];
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      }
      if (out.size() > start) {
        offsets.push_back(start);
        offsets.push_back(out.size() - start);
        out += ' ';
      }
    }
    return;
  }
  std::string folded = util::fold(text);
  for (auto word : util::split(folded, ' ')) {
    if (!word.empty()) {
      offsets.push_back(out.size());
      offsets.push_back(word.size());
      out += word;
      out += ' ';
    }
  }
}

int count_chars(std::string_view s)
{
  int n = 0;
  for (unsigned char c : s) {
    n += (c & 0xC0) != 0x80;
  }
  return n;
}

} // namespace

void Words::assign(std::string_view a, std::string_view b)
{
  m_buffer.clear();
  m_offsets.clear();
  fold_into(a, m_buffer, m_offsets);
  // A marker word that no term can match keeps phrases from spanning title and abstract.
  m_offsets.push_back(m_buffer.size());
  m_offsets.push_back(0);
  fold_into(b, m_buffer, m_offsets);
  m_words.clear();
  for (std::size_t i = 0; i + 1 < m_offsets.size(); i += 2) {
    m_words.emplace_back(m_buffer.data() + m_offsets[i], m_offsets[i + 1]);
  }
  m_count = m_words.size() - 1;
}

std::vector<std::string> fold_words(std::string_view text)
{
  std::string buffer;
  std::vector<std::size_t> offsets;
  fold_into(text, buffer, offsets);
  std::vector<std::string> words;
  for (std::size_t i = 0; i + 1 < offsets.size(); i += 2) {
    words.emplace_back(buffer.substr(offsets[i], offsets[i + 1]));
  }
  return words;
}

struct TextMatcher::Node
{
  enum class Kind { term, op_and, op_or, op_not } kind = Kind::term;
  std::vector<std::string> words; // term: folded words, consecutive
  bool truncated = false;         // term: the last word is a prefix
  std::shared_ptr<const Node> left, right;
};

namespace {

using NodePtr = std::shared_ptr<const TextMatcher::Node>;
using Kind = TextMatcher::Node::Kind;

class Parser
{
public:
  Parser(std::string_view text, const std::string& label, int line, int col)
    : m_text(text), m_label(label), m_line(line), m_col(col)
  {
  }

  NodePtr parse()
  {
    auto node = parse_sequence();
    skip_space();
    if (m_pos < m_text.size()) {
      fail(m_text[m_pos] == ')' ? "unbalanced ')'" : "unexpected text",
           "AND, OR, NOT or the end of the expression");
    }
    return node;
  }

private:
  [[noreturn]] void fail(const std::string& what, const std::string& expected) const
  {
    int col = m_col + count_chars(m_text.substr(0, m_pos));
    throw Error(fmt::format("{}:{}:{}: {}, expected {}", m_label, m_line, col, what, expected));
  }

  void skip_space()
  {
    while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t')) {
      ++m_pos;
    }
  }

  // Operator at the current position (AND/OR/NOT followed by a separator), or term.
  Kind peek_operator()
  {
    for (auto [word, kind] : {std::pair{"AND", Kind::op_and}, std::pair{"OR", Kind::op_or},
                              std::pair{"NOT", Kind::op_not}}) {
      std::string_view w(word);
      if (m_text.substr(m_pos, w.size()) == w) {
        std::size_t end = m_pos + w.size();
        if (end == m_text.size() || m_text[end] == ' ' || m_text[end] == '\t' || m_text[end] == '('
            || m_text[end] == '"') {
          return kind;
        }
      }
    }
    return Kind::term;
  }

  NodePtr parse_sequence()
  {
    auto left = parse_primary();
    for (;;) {
      skip_space();
      if (m_pos >= m_text.size() || m_text[m_pos] == ')') {
        return left;
      }
      Kind op = peek_operator();
      if (op != Kind::term) {
        m_pos += op == Kind::op_or ? 2 : 3;
      } else {
        op = Kind::op_and; // adjacent terms: AND
      }
      auto node = std::make_shared<TextMatcher::Node>();
      node->kind = op;
      node->left = left;
      node->right = parse_primary();
      left = node;
    }
  }

  NodePtr parse_primary()
  {
    skip_space();
    if (m_pos >= m_text.size()) {
      fail("end of expression", "a word, a \"phrase\" or '('");
    }
    char c = m_text[m_pos];
    if (c == '(') {
      ++m_pos;
      auto inner = parse_sequence();
      skip_space();
      if (m_pos >= m_text.size() || m_text[m_pos] != ')') {
        fail("missing ')'", "')'");
      }
      ++m_pos;
      return inner;
    }
    if (c == ')') {
      fail("unexpected ')'", "a word, a \"phrase\" or '('");
    }
    if (peek_operator() != Kind::term) {
      fail(fmt::format("operator {} without a term before it",
                       m_text.substr(m_pos, peek_operator() == Kind::op_or ? 2 : 3)),
           "a word, a \"phrase\" or '('");
    }
    std::size_t start = m_pos;
    std::string_view raw;
    if (c == '"') {
      auto end = m_text.find('"', m_pos + 1);
      if (end == std::string_view::npos) {
        fail("unterminated phrase", "a closing '\"'");
      }
      raw = m_text.substr(m_pos + 1, end - m_pos - 1);
      m_pos = end + 1;
    } else {
      while (m_pos < m_text.size() && m_text[m_pos] != ' ' && m_text[m_pos] != '\t'
             && m_text[m_pos] != '(' && m_text[m_pos] != ')' && m_text[m_pos] != '"'
             && m_text[m_pos] != '[') {
        ++m_pos;
      }
      raw = m_text.substr(start, m_pos - start);
    }
    if (m_pos < m_text.size() && m_text[m_pos] == '[') {
      fail("field tags are not accepted here", "a word or a \"phrase\" (the criterion names the field)");
    }
    auto node = std::make_shared<TextMatcher::Node>();
    std::string_view body = util::trim(raw);
    if (!body.empty() && body.back() == '*') {
      node->truncated = true;
      body.remove_suffix(1);
    }
    if (body.find('*') != std::string_view::npos) {
      m_pos = start;
      fail("'*' inside a word", "'*' only at the end of a term");
    }
    node->words = fold_words(body);
    if (node->words.empty()) {
      m_pos = start;
      fail("empty term", "a word or a \"phrase\"");
    }
    return node;
  }

  std::string_view m_text;
  const std::string& m_label;
  int m_line;
  int m_col;
  std::size_t m_pos = 0;
};

bool term_matches(const TextMatcher::Node& node, const std::vector<std::string_view>& words)
{
  const auto n = node.words.size();
  if (words.size() < n) {
    return false;
  }
  for (std::size_t i = 0; i + n <= words.size(); ++i) {
    bool ok = true;
    for (std::size_t k = 0; k < n && ok; ++k) {
      const auto& w = words[i + k];
      const auto& t = node.words[k];
      if (k + 1 == n && node.truncated) {
        ok = w.size() >= t.size() && w.compare(0, t.size(), t) == 0;
      } else {
        ok = w == t;
      }
    }
    if (ok) {
      return true;
    }
  }
  return false;
}

bool eval(const TextMatcher::Node& node, const std::vector<std::string_view>& words)
{
  switch (node.kind) {
  case Kind::term: return term_matches(node, words);
  case Kind::op_and: return eval(*node.left, words) && eval(*node.right, words);
  case Kind::op_or: return eval(*node.left, words) || eval(*node.right, words);
  case Kind::op_not: return eval(*node.left, words) && !eval(*node.right, words);
  }
  return false;
}

} // namespace

TextMatcher TextMatcher::parse(std::string_view text, const std::string& label, int line, int col)
{
  TextMatcher matcher;
  matcher.m_root = Parser(text, label, line, col).parse();
  matcher.m_text = util::collapse_space(text);
  return matcher;
}

bool TextMatcher::matches(const Words& words) const
{
  return eval(*m_root, words.words());
}

} // namespace synth::screen
