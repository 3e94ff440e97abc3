#pragma once
// The linter: the rules that read a parsed strategy and name what is risky in it, each
// with a stable code (findings.hpp; docs/search.md documents every code with an example).
//
// Each numbered line is checked on its own tree (a #n is not followed: the line it names
// is checked where it is written), so that the cost is the size of the text written,
// never of its expansion.
#include "synth/query/detect.hpp"
#include "synth/query/findings.hpp"
#include "synth/query/query_file.hpp"

#include <vector>

namespace synth::query {

struct LintOptions
{
  // Rules that hold for PubMed only: [ab] (PubMed has no abstract-only search) and
  // untagged terms (PubMed's automatic term mapping). Crossref's local evaluation reads
  // both as written; a hand-run platform has its own rules.
  bool pubmed = true;
};

// Appends the findings of every rule to `out`.
void lint(const QueryFile& query, const LintOptions& options, std::vector<Finding>& out);

// The platform rules on a strategy kept verbatim in a hand-run platform's syntax
// (lint_platforms.cpp): WOS-NEAR, EBSCO-PHRASE, SCOPUS-LOOSE; warnings at file:line:col,
// found on the tree the platform's reader builds of `query` (its syntax, header and
// strategy set); `lines` are the file's lines after `---`.
void lint_platform(const QueryFile& query, const std::vector<TextLine>& lines, std::vector<Finding>& out);

// --- the rule families (lint_terms.cpp, lint_redundant.cpp) ---

struct LintContext
{
  const QueryFile& query;
  const LintOptions& options;
  std::vector<Finding>& out;
  int line_number = 0; // the numbered line being checked (0: the single expression)
};

// Rules on one term: operators in lower case, symbols, stray and pasted text, wildcards,
// truncation, proximity, [ab], relative dates, bare numbers.
void lint_term(const Node& term, LintContext& ctx);

// REDUNDANT: terms that a sibling in the same OR list (or AND list) already covers.
// `operands` are the terms of one list, nested lists of the same operator included.
void lint_redundant(const std::vector<const Node*>& operands, Op op, LintContext& ctx);

// True when an unquoted term starts with an operator word, or holds a stray symbol or
// pasted text: the rule that flags it says what happened, the generic ones (IMPLICIT-AND,
// UNTAGGED) keep quiet about it.
bool not_search_terms(const Node& term);

// A short label of an operand for messages: the term as written, "(...)" or "#n".
std::string operand_label(const Node& node);

} // namespace synth::query
