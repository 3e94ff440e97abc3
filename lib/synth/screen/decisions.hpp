#pragma once
// Reviewers' decisions and extraction data from CSV (DESIGN.md section 7).
//
// Decisions: a header row naming the columns record, stage, decision and optionally
// reason and reviewer (any order, case-insensitive), then one decision a row:
//   record,stage,decision,reason,reviewer
//   pmid:23456789,title,exclude,,AT
//   10.1007/s11126-015-9347-5,full-text,exclude,Under 50% of participants with SMI,BS
// Extraction: a header row `record,<column>,<column>...` (names chosen by the user, used by
// full-text rules), one record a row.
//
// A record is named by its synth id (digits), `pmid:N`, a DOI (`10.` prefix, `doi:` or a
// doi.org URL) or `source:id` (the source name as shown by `synth status`, e.g.
// `PubMed:23456789`, `CINAHL:12345`). A duplicate resolves to the record its cluster keeps.
#include "synth/screen/criteria.hpp"
#include "synth/screen/stage.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace synth::screen {

enum class Verdict : std::uint8_t { include, exclude, maybe };
std::string_view verdict_name(Verdict verdict);

struct Decision
{
  std::int64_t record_id = 0; // the unique (kept) record
  Stage stage = Stage::title;
  Verdict verdict = Verdict::include;
  std::string reason;
  std::string reviewer; // "" when the file has no reviewer column or the cell is empty
  std::string file;     // label of the file
  int line = 0;
  std::string record_ref; // as written
};

// Resolves record references to unique record ids.
class RecordIndex
{
public:
  // Adds a record; `kept_id` is the record its cluster keeps (its own id when unique).
  void add(std::int64_t id, std::int64_t kept_id, std::string_view source, std::string_view source_id,
           std::string_view doi, std::string_view pmid);
  // The same piece by piece (the store loads each from its own index): a record and the
  // record its cluster keeps, then any of its identifiers.
  void add_record(std::int64_t id, std::int64_t kept_id);
  void add_pmid(std::int64_t id, std::string_view pmid);
  void add_doi(std::int64_t id, std::string_view doi);
  void add_source_id(std::int64_t id, std::string_view source, std::string_view source_id);
  void reserve(std::size_t records);

  enum class Status { found, unknown, ambiguous };
  struct Match
  {
    Status status = Status::unknown;
    std::int64_t id = 0;
    int count = 0; // ambiguous: how many unique records match
  };
  Match resolve(std::string_view reference) const;

private:
  std::int64_t kept(std::int64_t id) const;
  int source_index(std::string_view source);
  int find_source(std::string_view source) const;

  std::unordered_map<std::int64_t, std::int64_t> m_kept; // every record -> its kept record
  // One map per kind of identifier; keys short enough to stay in std::string's inline
  // buffer (no allocation for a million PMIDs).
  std::unordered_multimap<std::string, std::int64_t> m_pmid, m_doi, m_source_id;
  std::vector<std::string> m_sources; // folded source names; m_source_id keys start with the index
  std::string m_last_source;          // cache of source_index() (records come grouped by source)
  int m_last_index = -1;
};

// Parses a decisions file. All rows are checked; errors (one a line, in file order, at
// most 20) are thrown together as one synth::Error:
//   "<label>:<line>: unknown record 'pmid:999'"
//   "<label>:<line>: unknown stage 'titel', expected title, abstract, title-abstract or full-text"
//   "<label>:<line>: unknown decision 'yes please', expected include, exclude or maybe"
//   "<label>:<line>: exclusion at full-text without a reason, expected the reason in column 'reason'"
std::vector<Decision> parse_decisions(std::string_view text, const std::string& label, const RecordIndex& index);

// Extraction data of the unique records, by the criteria's columns.
struct Extraction
{
  // Cells of each record in Criteria::columns order ("" when the files have no value).
  std::unordered_map<std::int64_t, std::vector<std::string>> rows;
  struct Cell
  {
    std::int64_t record_id;
    std::string column;
    std::string value;
    std::string file;
    int line;
  };
  std::vector<Cell> cells;          // every non-empty cell of every column, for the store
  std::vector<std::string> columns; // every column name of every file's header (not record)
};

// Adds one extraction file. Errors like parse_decisions: unknown record, a record given
// twice (in this or an earlier file), a column the criteria use in arithmetic holding
// something that is not a number ("<label>:<line>: participants 'twelve' is not a number").
void parse_extraction(std::string_view text, const std::string& label, const RecordIndex& index,
                      const Criteria& criteria, Extraction& extraction);

} // namespace synth::screen
