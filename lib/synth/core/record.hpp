#pragma once
// A bibliographic record as synth stores it (DESIGN.md section 5).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace synth {

struct Author
{
  std::string family;
  std::string given; // given names or initials as the source gave them
  bool operator==(const Author&) const = default;
};

// Where a record came from. The store fills search_id; readers fill file and line.
struct Provenance
{
  std::string file;       // path as given on the command line, or the cache file
  std::int64_t line = 0;  // 1-based line where the record starts (0: not line based)
  std::int64_t index = 0; // 1-based position of the record in its file or response
  bool operator==(const Provenance&) const = default;
};

struct Record
{
  std::int64_t id = 0;   // synth id, set by the store
  std::string source;    // database name as PRISMA shows it (PubMed, CINAHL ...)
  std::string source_id; // id in that source (PMID, accession, AN ...); may be empty
  std::string doi;       // lower case, no resolver prefix
  std::string pmid;
  std::string title;
  std::string abstract;
  std::vector<Author> authors;
  std::optional<int> year;
  std::string date;    // ISO 8601, as precise as known: 2013, 2013-11, 2013-11-30
  std::string journal; // full title when known
  std::string journal_abbrev;
  std::string issn;
  std::string volume;
  std::string issue;
  std::string pages;                          // as given, e.g. 1112-9
  std::string language;                       // ISO 639-2/B, e.g. eng; empty when unknown
  std::vector<std::string> publication_types; // as given by the source
  std::string type;                           // normalised, see normalise_publication_type()
  std::vector<std::string> keywords;
  std::vector<std::string> mesh;
  std::string url;
  std::string raw; // the record as received
  Provenance provenance;

  bool operator==(const Record&) const = default;
};

} // namespace synth
