#pragma once
// The local evaluator: does a record match a search expression? Used for Crossref
// results (Crossref has no boolean search) and by screening rules.
//
// The expression is read as PubMed reads it (ast.hpp): operators left to right, a line
// reference as its line (each line compiled once: a strategy is a DAG). Where each
// field tag is looked for on a Record:
//   no tag, [tiab] [tw] [all]  title and abstract (each on its own: a phrase never spans
//                              the end of the title and the start of the abstract)
//   [ti] / [ab]                title / abstract
//   [tiab:~N] [ti:~N]          the phrase's words in any order, at most N words between
//   [au] [fau] / [1au] / [lastau]  any / the first / the last author: "topor"[au],
//                              "topor a"[au] (initials as prefix), "topor alain"[au],
//                              "alain topor"[au]; topo*[au] a prefix
//   [mh] [majr]                each MeSH heading (the part before '/'), whole heading;
//                              [majr] only headings marked with '*'; Heading/sub[mh] only
//                              headings given with that subheading
//   [sh]                       the subheadings of the record's MeSH headings
//   [pt]                       each publication type, whole value, or the normalised type
//   [la]                       the record's language: english[la] matches "eng"
//   [dp]                       the record's date (or year): the spans overlap; a
//                              relative date ("last 5 years") ends on the day it is compiled
//   [ta]                       journal title or abbreviation, whole value
//   [ot]                       each keyword (words, as for titles)
//   any other tag              not on a Record: false (evaluable_tag() says which)
// Text is compared after util::fold (case, accents and punctuation ignored), on word
// boundaries; a term's field that is empty on the record (no MeSH on a Crossref record,
// no language, no date) makes that term false: see unhonoured_tags() to log it.
#include "synth/core/record.hpp"
#include "synth/query/ast.hpp"
#include "synth/query/query_file.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace synth::query {

class CompiledQuery
{
public:
  // Compiles the expression once (terms folded); the node may be dropped afterwards.
  explicit CompiledQuery(const Node& expression);
  // The query file's expression, plus its header limits as filters: a record whose date
  // is outside date-from..date-to, or whose language is known and not the header's, does
  // not match. Unknown dates and languages do not exclude (DESIGN.md section 6).
  explicit CompiledQuery(const QueryFile& query);
  ~CompiledQuery();
  CompiledQuery(CompiledQuery&&) noexcept;
  CompiledQuery& operator=(CompiledQuery&&) noexcept;

  // Folds each field the expression needs once per call, lazily. Thread-safe (const).
  bool matches(const Record& record) const;
  // The expression on a free text: untagged, [tiab] [ti] [ab] [tw] [all] and [ot] terms
  // read `text`; terms of other fields are false.
  bool matches_text(std::string_view text) const;
  // Canonical tags ("mh", "la" ...) of the expression's terms whose field is empty on the
  // record (or that no record has), so that these terms cannot match it. Empty when every
  // tag is honoured.
  std::vector<std::string> unhonoured_tags(const Record& record) const;
  // The canonical tags the expression uses, in first-use order ("" for untagged terms).
  const std::vector<std::string>& tags() const;

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// True when terms on the canonical tag (or "" for untagged terms) can be evaluated on a
// Record at all.
bool evaluable_tag(std::string_view tag);

// One-off conveniences; compile once with CompiledQuery when matching many records.
bool matches(const QueryFile& query, const Record& record); // with header limits
bool matches(const Node& expression, const Record& record);
std::vector<std::string> unhonoured_tags(const QueryFile& query, const Record& record);

} // namespace synth::query
