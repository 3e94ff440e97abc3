#include "synth/screen/criteria_lexer.hpp"

#include "synth/core/error.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

namespace synth::screen::detail {

int count_chars(std::string_view s)
{
  int n = 0;
  for (unsigned char c : s) {
    n += (c & 0xC0) != 0x80;
  }
  return n;
}

namespace {

bool word_char(unsigned char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
         || c >= 0x80;
}

} // namespace

void lex_line(std::string_view line, int line_number, const std::string& label, std::vector<Token>& out)
{
  auto col_of = [&](std::size_t pos) { return count_chars(line.substr(0, pos)) + 1; };
  auto fail = [&](std::size_t pos, const std::string& what) {
    throw Error(fmt::format("{}:{}:{}: {}", label, line_number, col_of(pos), what));
  };
  std::size_t i = 0;
  while (i < line.size()) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    if (c == '#') {
      return; // comment
    }
    Token t;
    t.line = line_number;
    t.col = col_of(i);
    if (c == '"') {
      auto end = line.find('"', i + 1);
      if (end == std::string_view::npos) {
        fail(i, "unterminated string, expected a closing '\"'");
      }
      t.kind = Token::Kind::string;
      t.text = std::string(line.substr(i + 1, end - i - 1));
      i = end + 1;
    } else if (word_char(c)) {
      std::size_t start = i;
      // '-' joins words (title-abstract, full-text, 0033-2720, 1990-06-01); a minus sign
      // must stand apart.
      while (i < line.size()
             && (word_char(static_cast<unsigned char>(line[i]))
                 || (line[i] == '-' && i + 1 < line.size() && word_char(static_cast<unsigned char>(line[i + 1]))))) {
        ++i;
      }
      t.kind = Token::Kind::word;
      t.text = std::string(line.substr(start, i - start));
      bool is_matches = util::iequals(t.text, "matches");
      out.push_back(std::move(t));
      if (is_matches) {
        // The expression runs to the end of the line or to an unbalanced ')'.
        std::size_t j = i;
        int depth = 0;
        bool quoted = false;
        while (j < line.size()) {
          char ch = line[j];
          if (ch == '"') {
            quoted = !quoted;
          } else if (!quoted && ch == '(') {
            ++depth;
          } else if (!quoted && ch == ')') {
            if (depth == 0) {
              break;
            }
            --depth;
          } else if (!quoted && ch == '#') {
            break;
          }
          ++j;
        }
        std::size_t s = i;
        while (s < j && (line[s] == ' ' || line[s] == '\t')) {
          ++s;
        }
        Token raw;
        raw.kind = Token::Kind::raw;
        raw.line = line_number;
        raw.col = col_of(s);
        raw.text = std::string(util::trim(line.substr(s, j - s)));
        out.push_back(std::move(raw));
        i = j;
        if (j < line.size() && line[j] == '#') {
          return;
        }
      }
      continue;
    } else {
      static constexpr std::string_view two[] = {"<=", ">=", "!=", "=="};
      static constexpr std::string_view one = "<>=()/*+-,";
      t.kind = Token::Kind::symbol;
      std::string_view rest = line.substr(i);
      bool matched = false;
      for (auto op : two) {
        if (rest.substr(0, 2) == op) {
          t.text = std::string(op);
          i += 2;
          matched = true;
          break;
        }
      }
      if (!matched) {
        if (one.find(static_cast<char>(c)) == std::string_view::npos) {
          fail(i, fmt::format("unexpected character '{}'", line.substr(i, 1)));
        }
        t.text = std::string(1, static_cast<char>(c));
        ++i;
      }
    }
    out.push_back(std::move(t));
  }
}

} // namespace synth::screen::detail
