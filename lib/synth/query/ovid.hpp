#pragma once
// Reading a strategy in its own platform's syntax into the shared tree (ast.hpp), so that
// it can be translated (platforms.hpp). Ovid's search history first (docs/translate.md):
//
//   exp Schizophrenia/                  exploded heading (MeSH on Ovid MEDLINE)
//   *Lymphatic Metastasis/              major focus, not exploded
//   Dipyridamole/du [Diagnostic Use]    with a subheading (the bracket is Ovid's display)
//   Saliva/an, ch                       two subheadings: Saliva/an or Saliva/ch
//   schizophreni$.ti,ab.                fields; $ * : truncation, $2 limited, # one
//                                       character, ? zero or one
//   (optical adj2 coherence).tw.        adjN: at most N-1 words between, any order;
//                                       adj: next to each other, in that order
//   1 or 2 or ICH.tw.   or/1-4   and/1,3   or/45-46,48,52     line references
//   limit 3 to english language   limit 3 to yr="1990 -Current"   limit 3 to humans
//
// Each non-empty line after `---` is one numbered search, whatever its indentation (an
// optional `12.` in front gives its number); comment lines start with '# '. Words next to
// each other are one phrase (Ovid's adjacency); a bare number is a line reference, except
// inside parentheses that a field code follows (`(PP 14 or PP14).tw.`). adj binds its two
// operands before and, or and not, which apply left to right. A term with no field code
// searches Ovid's default fields, .mp.
#include "synth/query/query_file.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace synth::query {

// A strategy read in its own syntax.
struct Strategy
{
  Syntax syntax = Syntax::pubmed;
  Vocabulary vocabulary = Vocabulary::mesh; // of its headings (Ovid: by the database)
  std::vector<Line> lines;                  // numbered as the platform numbers its history
  NodePtr expression;                       // the last line; null when a line has an error
  std::vector<Finding> findings;            // errors, at the file's line and column
};

// Ovid's search history of a query file (its strategy, whatever the header says). Errors
// are findings (SYNTAX, PAREN, QUOTE, STRAY, TAG-UNKNOWN, REF-MISSING, REF-ORDER, LINE),
// one per line at most; a line that names a broken line says nothing more.
Strategy parse_ovid(const QueryFile& query);

// The search history of a query file in `syntax` (ovid, ebsco, proquest, wos, scopus,
// cochrane), whatever its header says: each non-empty line one numbered search, numbered
// as the platform prints its history (Ovid's `12.`, EBSCOhost's and ProQuest's `S12`,
// `#12` on the others) or in the order written; errors are findings at file:line:col as
// parse_ovid's. The five field-code platforms are read by one parser driven by each
// platform's table (docs/translate.md, "Reading EBSCOhost ... Cochrane").
Strategy parse_history(const QueryFile& query, Syntax syntax);

// The strategy of a query file in the syntax it is written in: PubMed's lines as
// check_query_text read them (its findings), the others by parse_history.
Strategy read_strategy(const QueryFile& query);

// What an Ovid field code searches (ti, ab, tw, mp, sh, ...); nullopt when synth does not
// know the code. Ovid MEDLINE's: .tw. is title and abstract; .mp. title, abstract, original
// title, substance names, heading words, keyword headings and the unique identifier.
std::optional<FieldSet> ovid_field(std::string_view code);

// MeSH subheadings: "du" <-> "diagnostic use". "" when unknown.
std::string_view subheading_name(std::string_view code);
std::string_view subheading_code(std::string_view name);

} // namespace synth::query
