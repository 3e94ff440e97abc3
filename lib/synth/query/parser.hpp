#pragma once
// Parsing of search expressions in PubMed syntax into the tree of ast.hpp.
//
// The parser keeps its own stack (no recursion), so that hostile input cannot exhaust the
// machine's: parentheses (and line references) nested deeper than k_max_nesting are an
// error at the parenthesis that crosses the limit (NESTING), and an OR list of any length
// is one Chain node, read in linear time.
#include "synth/query/ast.hpp"
#include "synth/query/findings.hpp"
#include "synth/query/lexer.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace synth::query {

// Deepest nesting of parentheses and line references in one search (each level is one
// '(' or one #n that brings in a line). Real strategies stay under 20.
constexpr int k_max_nesting = 1000;

// The line a #n names, and how deep its own nesting goes.
struct LineTarget
{
  NodePtr expression;
  int depth = 0;
};

// Resolves the #n of `ref`, or throws ParseStop (REF-MISSING, REF-ORDER ...).
using Resolver = std::function<LineTarget(const Token& ref)>;

struct Parsed
{
  NodePtr expression;
  int depth = 0; // deepest nesting, references included
};

// Parses the segments as one expression. Warnings are appended to `findings`; the first
// error throws ParseStop.
Parsed parse_segments(const std::vector<Segment>& segments, const Resolver& resolve, std::vector<Finding>& findings);

// Parses one expression written on one line, e.g. a screening criterion:
//   "helping relation*"[tiab] OR alliance[ti]
// `label` names the file, `line` its line, and `col_offset` the number of characters
// before `text` on that line. Errors throw synth::Error
//   "<label>:<line>:<col_offset + column>: <what>"
// (warnings are not reported here). A #n reference is an error (there are no lines).
NodePtr parse_expression(std::string_view text, const std::string& label, int line, int col_offset);

// Throws synth::Error("<label>:<line>:<col>: <what>").
[[noreturn]] void fail_at(const std::string& label, int line, int col, const std::string& what);

} // namespace synth::query
