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
#include "synth/query/ast.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace synth::query {

// One numbered line of the strategy (number 0: the single unnumbered expression).
struct Line
{
  int number = 0;
  int line = 0;          // 1-based line of the file where it starts
  std::string text;      // its expression as written, continuation lines joined by one space
  NodePtr expression;    // references expanded (Node::Kind::reference holds the target)
};

struct QueryFile
{
  std::string path;     // the label errors name (the path as given)
  std::string text;     // the file verbatim, for the search log
  std::string database; // as written: pubmed, crossref, CINAHL ... (required)
  std::string name;
  std::string date_from; // as written in the header: YYYY, YYYY-MM or YYYY-MM-DD; "" if none
  std::string date_to;
  std::string language;  // as written ("english"); "" if none
  std::map<std::string, std::string> header; // every key (lower case) incl. x-... keys
  NodePtr expression;    // the search: the last line, references expanded
  std::vector<Line> lines;
};

// How synth runs a query file.
enum class Engine
{
  pubmed,   // database: pubmed (or medline): esearch/efetch
  crossref, // database: crossref: /works + local evaluation
  manual,   // any other database: run by hand, its export imported
};
Engine engine(const QueryFile& query);

// Reads and parses a query file. The label of errors is the path as given. Throws
// synth::Error "<path>:<line>:<col>: <what>, expected <what>" on any syntax error, and
// "<path>: cannot open: ..." when the file cannot be read.
QueryFile parse_query_file(const std::filesystem::path& path);

// The same from text; `label` stands for the path in errors and QueryFile::path.
QueryFile parse_query_text(std::string_view text, const std::string& label);

} // namespace synth::query
