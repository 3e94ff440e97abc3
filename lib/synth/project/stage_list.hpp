#pragma once
// Stage lists as decisions (issue 10): the records a review team kept at a stage, as an
// export of a reference manager or a screening tool, matched to the project's unique
// records. Pure, no I/O: passed.hpp reads the files and the store.
//
// Matching reuses dedup's evidence (features, blocking, compare): a record of the list
// matches a cluster of the store when, in this order,
//   1. a record of the cluster has the same DOI and dedup's compare() calls them the same,
//   2. the same with the PMID,
//   3. a record of the cluster has the same source and id in source (an export of the
//      project's own records),
//   4. dedup's compare() calls them the same on the other fields (title, authors, year,
//      journal, volume, pages).
// The first step that finds a cluster decides; when it finds two or more, the record is
// ambiguous (the candidates are listed: dedup left apart records that the list says are
// one).
#include "synth/core/record.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace synth::project {

// A screening tool's label on one record of its export.
enum class Label : std::uint8_t {
  passed,   // included at the stage
  excluded, // excluded at the stage
  undecided // not labelled, "maybe", or reviewers who disagree: no decision is written
};

// The column of a CSV export that carries labels, and how to read it.
struct LabelColumn
{
  enum class Kind : std::uint8_t {
    number, // ASReview: 1 included, 0 excluded, -1 or empty not labelled
    rayyan  // Rayyan's notes: RAYYAN-INCLUSION: {"Ana"=>"Included", "Ben"=>"Excluded"}
  };
  std::size_t index = 0;
  Kind kind = Kind::number;
  std::string name; // as written in the header
};

// The label column of a CSV header (names compared case-insensitively), for a decision
// at a title/abstract stage (`full_text` false) or at full text:
//   title/abstract: label_abstract_screening, then the full-text names below;
//   full text:      included, asreview_label, label_included, final_included, label;
//   either:         notes, when the header has no column above (Rayyan).
// nullopt when the header has none: every record of the file passed.
std::optional<LabelColumn> find_label_column(const std::vector<std::string>& header, bool full_text);

// The label of one cell of that column. Errors (a cell that is none of the values above)
// are returned as text in `error`: "asreview_label '2' is not 1, 0, -1 or empty".
Label parse_label(const LabelColumn& column, std::string_view cell, std::string& error);

// Rayyan's notes cell: the decisions of RAYYAN-INCLUSION. Every reviewer "Included" ->
// passed; every reviewer "Excluded" -> excluded; no RAYYAN-INCLUSION, "Maybe" or a mix ->
// undecided.
Label rayyan_label(std::string_view notes);

// One unique record of the store: a record and the record its cluster keeps.
struct StoreRecord
{
  const Record* record = nullptr;
  std::int64_t kept_id = 0;
};

struct ListMatch
{
  enum class Status : std::uint8_t { matched, unmatched, ambiguous };
  Status status = Status::unmatched;
  std::int64_t kept_id = 0;             // matched: the cluster's kept record
  std::vector<std::int64_t> candidates; // ambiguous: the kept records, in id order
  std::string how;                      // "doi", "pmid", "source id", "fields: ..."
};

// Matches every record of `list` to the clusters of `store` (one result per list record,
// in list order). Deterministic.
std::vector<ListMatch> match_list(const std::vector<StoreRecord>& store, const std::vector<Record>& list);

} // namespace synth::project
