// Ovid: the lexer of one search line (ovid_detail.hpp).
#include "synth/query/lexer.hpp"
#include "synth/query/ovid_detail.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

namespace synth::query::ovid_detail {

std::size_t quote_at(std::string_view s, std::size_t i)
{
  if (s[i] == '"') {
    return 1;
  }
  if (i + 2 < s.size() && s[i] == '\xE2' && s[i + 1] == '\x80'
      && (s[i + 2] == '\x9C' || s[i + 2] == '\x9D' || s[i + 2] == '\x9E')) {
    return 3;
  }
  return 0;
}

void stop(std::string_view code, int line, int col, std::string message, std::string fix)
{
  throw ParseStop{finding(code, line, col, std::move(message), std::move(fix))};
}

int small_number(std::string_view digits, int line, int col)
{
  if (digits.empty() || digits.size() > 6) {
    stop("SYNTAX", line, col, fmt::format("the number `{}` is too large: at most 6 digits", digits));
  }
  return std::stoi(std::string(digits));
}

namespace {

class LineLexer
{
public:
  LineLexer(std::string_view s, int line, int col0) : m_s(s), m_line(line), m_col0(col0) {}

  std::vector<Tok> run()
  {
    while (m_i < m_s.size()) {
      char c = m_s[m_i];
      if (is_space(c)) {
        ++m_i;
        continue;
      }
      if (c == '(' || c == ')') {
        Tok t;
        t.kind = c == '(' ? Tok::Kind::lparen : Tok::Kind::rparen;
        t.col = col();
        ++m_i;
        m_out.push_back(t);
        if (c == ')') {
          after_operand();
        }
        continue;
      }
      if (quote_at(m_s, m_i) != 0) {
        phrase();
        continue;
      }
      if (c == '[') {
        annotation();
        continue;
      }
      if (c == '.') {
        stop("STRAY", m_line, col(),
             fmt::format("stray '.' at `{}`: a field code follows its term or ')' with no space between, like ).tw.",
                         util::trim(m_s.substr(m_i, 6))),
             "remove the space before the field code");
      }
      word();
    }
    Tok end;
    end.col = col();
    m_out.push_back(end);
    return std::move(m_out);
  }

private:
  int col() const { return m_col0 + count_chars(m_s.substr(0, m_i)); }

  bool ends_word(std::size_t i) const
  {
    char c = m_s[i];
    return is_space(c) || c == '(' || c == ')' || c == '[' || quote_at(m_s, i) != 0;
  }

  // `.ti,ab.` at m_i: the codes and the end, or false when it is no field code.
  bool field_suffix(std::size_t at, std::vector<std::string>& codes, std::size_t& end) const
  {
    if (at >= m_s.size() || m_s[at] != '.') {
      return false;
    }
    std::size_t i = at + 1;
    codes.clear();
    for (;;) {
      if (i + 1 >= m_s.size() + 0 || !is_alpha(m_s[i]) || !is_alpha(m_s[i + 1])) {
        return false;
      }
      codes.push_back(util::to_lower(m_s.substr(i, 2)));
      i += 2;
      if (i < m_s.size() && m_s[i] == ',') {
        ++i;
        while (i < m_s.size() && is_space(m_s[i])) {
          ++i;
        }
        continue;
      }
      break;
    }
    if (i < m_s.size() && m_s[i] == '.') {
      ++i;
    }
    if (i < m_s.size() && !ends_word(i)) {
      return false;
    }
    end = i;
    return true;
  }

  // A field code right after a term or ')'.
  void after_operand()
  {
    std::vector<std::string> codes;
    std::size_t end = 0;
    if (m_i < m_s.size() && m_s[m_i] == '.') {
      if (!field_suffix(m_i, codes, end)) {
        bool spaced = m_i + 1 < m_s.size() && is_space(m_s[m_i + 1]);
        stop("STRAY", m_line, col(),
             fmt::format("stray '.' at `{}`, expected a field code like .ti,ab.{}", util::trim(m_s.substr(m_i, 8)),
                         spaced ? " with no space after its '.'" : ""),
             spaced ? "remove the space after the '.'" : "");
      }
      push_fields(codes, end);
    } else if (m_i < m_s.size() && m_s[m_i] == '/') {
      slash();
    }
  }

  void push_fields(const std::vector<std::string>& codes, std::size_t end)
  {
    Tok t;
    t.kind = Tok::Kind::fields;
    t.col = col();
    for (const auto& code : codes) {
      auto f = ovid_field(code);
      if (!f) {
        stop("TAG-UNKNOWN", m_line, col(),
             fmt::format("unknown Ovid field code .{}. in `{}`, expected a code such as ti ab tw mp sh fs pt au", code,
                         m_s.substr(m_i, end - m_i)));
      }
      for (int b = 0; b < 64; ++b) {
        if (f->has(static_cast<Field>(b))) {
          t.fields.add(static_cast<Field>(b));
        }
      }
    }
    t.codes = codes;
    m_i = end;
    m_out.push_back(std::move(t));
  }

  void slash()
  {
    Tok t;
    t.kind = Tok::Kind::slash;
    t.col = col();
    ++m_i; // '/'
    while (m_i + 1 < m_s.size() && is_alpha(m_s[m_i]) && is_alpha(m_s[m_i + 1])
           && (m_i + 2 == m_s.size() || !is_alpha(m_s[m_i + 2]))) {
      auto code = util::to_lower(m_s.substr(m_i, 2));
      if (subheading_name(code).empty()) {
        stop("TAG-UNKNOWN", m_line, col(),
             fmt::format("unknown subheading /{}, expected a MeSH subheading code like /du", code));
      }
      t.codes.push_back(code);
      m_i += 2;
      std::size_t j = m_i;
      if (j < m_s.size() && m_s[j] == ',') {
        ++j;
        while (j < m_s.size() && is_space(m_s[j])) {
          ++j;
        }
        m_i = j;
        continue;
      }
      break;
    }
    if (m_i < m_s.size() && !ends_word(m_i)) {
      stop("STRAY", m_line, col(),
           fmt::format("stray '{}' after a heading's '/', expected a space, a subheading like /du or ')'", m_s[m_i]));
    }
    m_out.push_back(std::move(t));
  }

  void phrase()
  {
    Tok t;
    t.kind = Tok::Kind::phrase;
    t.col = col();
    std::size_t w = quote_at(m_s, m_i);
    std::size_t j = m_i + w;
    std::size_t cw = 0;
    while (j < m_s.size() && (cw = quote_at(m_s, j)) == 0) {
      ++j;
    }
    if (j >= m_s.size()) {
      stop("QUOTE", m_line, t.col, "unterminated phrase: expected a closing quote before the end of the line",
           "close the phrase, or remove the stray quote");
    }
    t.text = util::collapse_space(m_s.substr(m_i + w, j - m_i - w));
    if (t.text.empty()) {
      stop("SYNTAX", m_line, t.col, "empty phrase \"\", expected words between the quotes");
    }
    m_i = j + cw;
    m_out.push_back(std::move(t));
    after_operand();
  }

  void annotation()
  {
    // Ovid's display of what an abbreviation means: `.mp. [mp=title, ...]`, `/du [Diagnostic Use]`
    bool after = !m_out.empty() && (m_out.back().kind == Tok::Kind::fields || m_out.back().kind == Tok::Kind::slash);
    auto close = m_s.find(']', m_i);
    if (!after || close == std::string_view::npos) {
      stop("STRAY", m_line, col(),
           "stray '[': Ovid's brackets only follow a field code or a subheading, as it displays them");
    }
    m_i = close + 1;
  }

  void word()
  {
    Tok t;
    t.kind = Tok::Kind::word;
    t.col = col();
    std::size_t j = m_i;
    std::vector<std::string> codes;
    std::size_t end = 0;
    while (j < m_s.size() && !ends_word(j)) {
      if (m_s[j] == '.' && j > m_i && field_suffix(j, codes, end)) {
        break;
      }
      if (m_s[j] == '/' && j > m_i) {
        break;
      }
      ++j;
    }
    t.text = std::string(m_s.substr(m_i, j - m_i));
    auto lower = util::to_lower(t.text);
    bool dotted = j < m_s.size() && m_s[j] == '.';
    bool slashed = j < m_s.size() && m_s[j] == '/';
    if (!dotted && !slashed && (lower == "and" || lower == "or" || lower == "not")) {
      t.kind = Tok::Kind::op;
      t.text = lower;
    } else if (!dotted && !slashed && lower.size() >= 3 && lower.substr(0, 3) == "adj"
               && std::all_of(lower.begin() + 3, lower.end(), is_digit) && lower.size() <= 6) {
      t.kind = Tok::Kind::adj;
      t.n = lower.size() == 3 ? 0 : std::stoi(lower.substr(3));
      if (lower.size() > 3 && t.n < 1) {
        stop("SYNTAX", m_line, t.col, fmt::format("`{}`: adjN needs N of 1 or more", t.text));
      }
    }
    m_i = j;
    m_out.push_back(std::move(t));
    if (dotted) {
      push_fields(codes, end);
    } else if (slashed) {
      slash();
    }
  }

  std::string_view m_s;
  int m_line;
  int m_col0;
  std::size_t m_i = 0;
  std::vector<Tok> m_out;
};

} // namespace

std::vector<Tok> lex_line(std::string_view text, int line, int col0) { return LineLexer(text, line, col0).run(); }

std::string canonical_word(std::string_view w, std::vector<Wildcard>& out, int line, int col)
{
  std::string text;
  for (std::size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    if (c == '$' || c == '*' || (c == ':' && i + 1 == w.size())) {
      Wildcard wc;
      std::size_t j = i + 1;
      while (j < w.size() && is_digit(w[j])) {
        ++j;
      }
      if (j > i + 1) {
        wc.max_characters = small_number(w.substr(i + 1, j - i - 1), line, col);
      }
      wc.at_end = j == w.size() || w[j] == ' ';
      out.push_back(wc);
      text += '*';
      i = j - 1;
    } else if (c == '?' || c == '#') {
      Wildcard wc;
      wc.kind = c == '?' ? Wildcard::Kind::optional_character : Wildcard::Kind::one_character;
      wc.at_end = i + 1 == w.size() || w[i + 1] == ' ';
      out.push_back(wc);
      text += c;
    } else {
      text += c;
    }
  }
  return text;
}

} // namespace synth::query::ovid_detail
