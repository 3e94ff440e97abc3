#pragma once
// The parts of the Ovid reader (ovid.hpp) shared by its files: the lexer of one search
// line (ovid_lexer.cpp), the parser of its tokens (ovid_line.cpp), the limits of a
// `limit N to ...` line (ovid_limits.cpp) and the history around them (ovid.cpp).
// Internal to lib/synth/query.
#include "synth/query/ovid.hpp"

#include <algorithm>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace synth::query::ovid_detail {

inline bool is_space(char c) { return c == ' ' || c == '\t'; }

inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

inline bool all_digits(std::string_view s)
{
  return !s.empty() && s.size() <= 6 && std::all_of(s.begin(), s.end(), is_digit);
}

// Quote characters: " and the typographic “ ” „; their width in bytes, 0 when none.
std::size_t quote_at(std::string_view s, std::size_t i);

// Throws ParseStop with the finding.
[[noreturn]] void stop(std::string_view code, int line, int col, std::string message, std::string fix = {});

// The number written in `digits` (digits only), at most six of them as PubMed's line
// numbers; more is a SYNTAX finding at line:col, not an overflow.
int small_number(std::string_view digits, int line, int col);

struct Tok
{
  enum class Kind { word, phrase, lparen, rparen, fields, slash, op, adj, end };
  Kind kind = Kind::end;
  std::string text;               // word or phrase as written; op lower case
  std::vector<std::string> codes; // fields: field codes; slash: subheading codes
  FieldSet fields;                // fields
  int n = 0;                      // adj: its N (0: plain adj)
  int col = 0;
};

// The tokens of one search line (`text` starts at column col0 of file line `line`).
std::vector<Tok> lex_line(std::string_view text, int line, int col0);

// Ovid's wildcards in a word, as the tree spells them (ast.hpp); `$n` with more than six
// digits is refused at line:col, the word's.
std::string canonical_word(std::string_view w, std::vector<Wildcard>& out, int line, int col);

// The node of line `number` (or throws ParseStop) for a reference at column col.
using Resolve = std::function<NodePtr(int number, int col)>;

// The tree of one search line from its tokens.
NodePtr parse_tokens(std::vector<Tok> toks, int line, Vocabulary vocabulary, const Resolve& resolve);

// The tree of one search line of EBSCOhost, ProQuest, Web of Science, Scopus or the
// Cochrane Library (read_boolean.cpp), by the platform's table (platforms_table.hpp).
NodePtr parse_platform_line(std::string_view text, int line, int col0, Syntax syntax, Vocabulary vocabulary,
                            const Resolve& resolve);

// The limits of `limit N to SPEC` (SPEC without its parentheses, at column spec_col):
// `english language`, `yr="1990-2013"`, `humans`, joined by `and`.
std::vector<Limit> read_limits(std::string_view spec, int line, int spec_col);

} // namespace synth::query::ovid_detail
