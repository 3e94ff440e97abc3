#pragma once
// Translation of a query file into what the search engines accept (DESIGN.md section 4).
// A hand-run strategy is never translated: its search log keeps QueryFile::strategy.
#include "synth/query/query_file.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace synth::query {

// The exact esearch term, deterministic (the search log records it): the search as
// written (render(): references expanded in parentheses, single spaces, phrases in
// straight quotes, tags as written), then the header limits:
//   (<expression>) AND english[la] AND ("1990/01/01"[dp] : "2013/11/30"[dp])
// The expression is put in parentheses only when limits follow and it is not already a
// single term, group or reference. A language list "english, french" becomes
// (english[la] OR french[la]); an open date end is "1000"[dp] or "3000"[dp]. "" when the
// file has no expression (a strategy in another platform's syntax).
std::string to_pubmed(const QueryFile& query);

// Crossref has no boolean search: the distinct positive terms go to query.bibliographic,
// the date window and the type to filter; synth then evaluates the whole expression on
// each record (evaluate.hpp).
struct CrossrefQuery
{
  // Terms not under a NOT, in first-use order, each once (compared folded), phrases
  // without quotes, truncation stars removed, space separated. Terms of fields that are
  // not bibliographic text ([mh] [majr] [pt] [la] [dp]) are left out.
  std::string bibliographic;
  // "from-pub-date:1990-01-01,until-pub-date:2013-11-30,type:journal-article"; the date
  // parts only when the header has them, type:journal-article always.
  std::string filter;
};
CrossrefQuery to_crossref(const QueryFile& query);

// OpenAlex searches titles and abstracts with a boolean search string
// (filter title_and_abstract.search:...), matching word forms (stemming) and no wildcards.
// What is sent is a widening of the strategy, so that OpenAlex returns every work the
// strategy matches (up to word forms); synth then evaluates the whole strategy on each work,
// as for Crossref (docs/openalex.md):
//   - terms on titles and abstracts (no tag, [tiab] [ti] [ab] [tw] [all]) are sent, phrases
//     in quotes, '*' removed; ',' and '|' (filter syntax) become spaces;
//   - a term on another field ([mh] [au] [la] [dp] ...) is left out (true for the search);
//   - what follows a NOT is left out (applied locally only: OpenAlex would also exclude the
//     word forms of the term);
//   - AND and OR keep their operands, fully parenthesised (PubMed reads left to right).
// A search string longer than `max_chars` is split on its largest OR list into searches
// whose results, unioned, are those of the whole (A AND (b OR c) = (A AND b) OR (A AND c)).
struct OpenAlexQuery
{
  std::vector<std::string> searches; // each one title_and_abstract.search value; empty: no term
  // The other filters: "from_publication_date:1990-01-01,to_publication_date:2013-11-30,
  // language:en|fr,type:article" (each part only when the header has it; the type from the
  // header key x-openalex-type).
  std::string filter;
};
OpenAlexQuery to_openalex(const QueryFile& query, std::size_t max_chars = 3000);

// What a librarian should know before running a Crossref file, as sentences: field tags
// the local evaluation cannot honour (Crossref works have no MeSH, so [mh] and [majr]
// terms are false for every work). Empty for other files (PubMed's own problems are
// findings of the checker) and when there is nothing to say.
std::vector<std::string> translation_notes(const QueryFile& query);

} // namespace synth::query
