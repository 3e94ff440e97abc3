#pragma once
// Query files: what a librarian edits (DESIGN.md section 4, queries/README.md).
//
//   database: pubmed          # header: key: value lines, '#' comments
//   date-from: 1990-01-01
//   ---
//   #1 "mental illness"[tiab] OR psychiatry[tiab]
//   #2 interview*[tiab]
//      OR qualitative[tiab]   # indented lines continue the line above
//   #3 #1 AND #2              # the last numbered line is the search
//
// The strategy is either numbered lines (#n expression; #n in an expression refers to an
// earlier line) or one expression that may span several lines.
//
// Reading a file checks it (docs/search.md, "Checking a strategy"): every problem is a
// Finding, an error (the strategy is not sent) or a warning (it is sent as written). A
// strategy in another platform's syntax is recognised (detect.hpp): under `database:
// pubmed` or `crossref` that is an error naming the platform and the line; in a file of a
// hand-run database it is kept verbatim and not parsed.
#include "synth/query/ast.hpp"
#include "synth/query/detect.hpp"
#include "synth/query/findings.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace synth::query {

// The most text a search may expand to once its line references are replaced: far above
// any real strategy (the largest Cochrane ones expand to tens of kilobytes), low enough
// that a hostile file (39 lines of `#n #n-1 OR #n-1` would expand to terabytes) is
// refused at its line in microseconds.
constexpr std::uint64_t k_max_expanded_chars = 8'000'000;

// One numbered line of the strategy (number 0: the single unnumbered expression).
struct Line
{
  int number = 0;
  int line = 0;                    // 1-based line of the file where it starts
  std::string text;                // its expression as written, continuation lines joined by one space
  NodePtr expression;              // references point at the lines they name; null when the line has an error
  int depth = 0;                   // nesting of parentheses and references (parser.hpp k_max_nesting)
  std::uint64_t expanded_size = 0; // characters of render() with its references expanded
};

// How synth runs a query file.
enum class Engine {
  pubmed,   // database: pubmed (or medline): esearch/efetch
  crossref, // database: crossref: /works + local evaluation
  openalex, // database: openalex: /works title_and_abstract.search + local evaluation
  manual,   // any other database: run by hand, its export imported
};

struct QueryFile
{
  std::string path;     // the label findings name (the path as given)
  std::string text;     // the file verbatim, for the search log
  std::string database; // as written: pubmed, crossref, CINAHL ... (required)
  std::string name;
  std::string date_from; // as written in the header: YYYY, YYYY-MM or YYYY-MM-DD; "" if none
  std::string date_to;
  std::string language;                      // as written ("english"); "" if none
  std::map<std::string, std::string> header; // every key (lower case) incl. x-... keys
  std::vector<Limit> limits;                 // date-from/date-to and language, as limits on the search
  // The strategy: everything after the '---' line, verbatim, without the blank lines
  // that start and end it. What a hand-run search logs.
  std::string strategy;
  Syntax syntax = Syntax::pubmed; // the syntax it is written in (detect.hpp)
  NodePtr expression;             // the search: the last line; null when it could not be read
  std::vector<Line> lines;
  std::vector<Finding> findings; // in the order of the file
};

Engine engine(const QueryFile& query);

// True when a finding is an error (or, strict, any finding at all).
bool has_errors(const QueryFile& query, bool strict = false);

// Reads, parses and checks a query file: problems of the file's content are findings,
// never exceptions. Throws synth::Error "<path>: cannot open: ..." when it cannot be read.
QueryFile check_query_file(const std::filesystem::path& path);
// The same from text; `label` stands for the path in findings and QueryFile::path.
QueryFile check_query_text(std::string_view text, const std::string& label);

// The same, for callers that need a usable file: the first error finding is thrown as
// synth::Error "<path>:<line>:<col>: <what>; <fix>". Warnings stay in `findings`.
QueryFile parse_query_file(const std::filesystem::path& path);
QueryFile parse_query_text(std::string_view text, const std::string& label);

} // namespace synth::query
