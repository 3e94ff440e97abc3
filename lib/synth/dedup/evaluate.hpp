#pragma once
// Evaluation of dedup against labelled benchmark sets, counted as bib-dedupe's
// current_results.md counts: a positive is a record that must be removed (every record of
// a true duplicate group but one). TP = records removed whose cluster's kept record is in
// their true group; FP = records removed wrongly (false merges); FN = true removals - TP;
// TN = the rest.
#include "synth/core/record.hpp"
#include "synth/dedup/dedup.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace synth::dedup {

struct LabelledSet
{
  std::string name;
  std::vector<Record> records;     // ids 1..n
  std::vector<std::int64_t> truth; // truth[k]: group of records[k] (its own id when unique)
  // true: truth is only "in a duplicate group or not" (EndNote Duplicate captions), and
  // counting is per record: positive = in a cluster of two or more.
  bool record_level = false;
};

struct Counts
{
  std::int64_t tp = 0;
  std::int64_t fp = 0;
  std::int64_t fn = 0;
  std::int64_t tn = 0;
  double sensitivity() const { return tp + fn == 0 ? 1.0 : double(tp) / double(tp + fn); }
  double specificity() const { return tn + fp == 0 ? 1.0 : double(tn) / double(tn + fp); }
};

// Counts of `result` (from deduplicate(set.records)) against the set's truth.
Counts evaluate(const LabelledSet& set, const Result& result);

// bib-dedupe layout: <dir>/records_pre_merged.csv and <dir>/merged_record_ids.csv
// (one group per line, "id_0000001;id_0000002"). Throws synth::Error naming the file.
LabelledSet load_bib_dedupe(const std::filesystem::path& dir, const std::string& name);

// The ASySD diabetes set: records from labelled_test_set.csv (cp1252, converted to UTF-8;
// record_id NNNN) with the groups of bib-dedupe's diabetes merged_record_ids.csv
// (id_000NNNN).
LabelledSet load_asysd(const std::filesystem::path& records_csv, const std::filesystem::path& groups_csv,
                       const std::string& name);

// EndNote XML whose duplicates carry <caption>Duplicate</caption> (dedupe-sweep): labels
// are per record (record_level).
LabelledSet load_endnote_captions(const std::filesystem::path& xml, const std::string& name);

// cp1252 bytes to UTF-8 (bytes that are valid UTF-8 sequences are converted too: use on
// files known not to be UTF-8).
std::string cp1252_to_utf8(std::string_view bytes);

} // namespace synth::dedup
