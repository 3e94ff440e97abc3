#pragma once
// Parsing of search expressions in PubMed syntax (see ast.hpp for precedence).
#include "synth/query/ast.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace synth::query {

// Parses one expression written on one line, e.g. a screening criterion:
//   "helping relation*"[tiab] OR alliance[ti]
// `label` names the file, `line` its line, and `col_offset` the number of characters
// before `text` on that line, so that errors read
//   "<label>:<line>:<col_offset + column>: <what>, expected <what>"
// and throw synth::Error. A #n reference is an error here (there are no lines).
NodePtr parse_expression(std::string_view text, const std::string& label, int line, int col_offset);

// --- used by the query-file parser ---

// A piece of an expression: one physical line (or its part after "#n ").
struct Segment
{
  std::string_view text;
  int line = 0; // 1-based line in the file
  int col = 0;  // 1-based column of text[0]
};

// Resolves #n found at line:col to the expression of line n, or throws synth::Error.
using Resolver = std::function<NodePtr(int number, int line, int col)>;

// Parses the segments as one expression. Throws synth::Error naming label:line:col.
NodePtr parse_segments(const std::vector<Segment>& segments, const std::string& label,
                       const Resolver& resolve);

// Throws synth::Error("<label>:<line>:<col>: <what>").
[[noreturn]] void fail_at(const std::string& label, int line, int col, const std::string& what);

// Number of characters (UTF-8 code points) in s: columns count characters, not bytes.
int count_chars(std::string_view s);

} // namespace synth::query
