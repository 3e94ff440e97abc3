#pragma once
// Tokens of PubMed's query syntax (internal to the query module).
//
// Quotes: a phrase opens at any double quote (", “, ”, „) and closes at the next one on
// the same line. Two straight quotes, or two typographic ones, pair; a straight quote
// paired with a typographic one is an error located at the quote that opens the phrase,
// as is a phrase never closed, or one that swallowed a field tag (a misplaced quote).
// Typographic pairs are a warning (QUOTE-CURLY): the phrase is sent in straight quotes.
#include "synth/query/findings.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace synth::query {

// A piece of an expression: one physical line (or its part after "#n ").
struct Segment
{
  std::string_view text;
  int line = 0; // 1-based line in the file
  int col = 0;  // 1-based column of text[0]
};

struct Token
{
  enum class Kind { word, phrase, tag, lparen, rparen, colon, ref, op_and, op_or, op_not, end };
  Kind kind = Kind::end;
  std::string text; // word as written; phrase without quotes (space collapsed); tag without brackets
  int line = 0;
  int col = 0;
  int number = 0;     // ref: n of #n
  bool curly = false; // phrase in typographic quotes
};

// Thrown to stop reading a line at its first error; the caller records the finding.
struct ParseStop
{
  Finding finding;
};

// Number of characters (UTF-8 code points) in s: columns count characters, not bytes.
int count_chars(std::string_view s);

// Splits the segments into tokens, ending with a Kind::end token placed after the last
// character. Warnings (QUOTE-CURLY) are appended to `findings`; the first error throws
// ParseStop.
std::vector<Token> lex(const std::vector<Segment>& segments, std::vector<Finding>& findings);

} // namespace synth::query
