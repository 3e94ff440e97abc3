#pragma once
// Tokens of a criteria rule (internal to the criteria parser).
#include <string>
#include <string_view>
#include <vector>

namespace synth::screen::detail {

struct Token
{
  enum class Kind { word, string, symbol, raw, end } kind = Kind::end;
  std::string text; // word/symbol as written; string without quotes; raw: the expression
  int line = 0;
  int col = 0; // 1-based, in characters
};

// Appends the tokens of one physical line (comments removed) to `out`. The operand of
// `matches` is one raw token: the rest of the line, or up to an unbalanced ')'.
// Throws synth::Error("<label>:<line>:<col>: ...") on an unterminated string or a stray
// character.
void lex_line(std::string_view line, int line_number, const std::string& label, std::vector<Token>& out);

int count_chars(std::string_view s);

} // namespace synth::screen::detail

namespace synth::screen {
struct Options;
}

namespace synth::screen::detail {

// When `line` is an option line (`name: value`, name of letters and '-'), parses it into
// `options` and returns true. Unknown options and bad values throw synth::Error naming
// label:line:col.
bool parse_option_line(std::string_view line, int line_number, const std::string& label,
                       synth::screen::Options& options);

} // namespace synth::screen::detail
