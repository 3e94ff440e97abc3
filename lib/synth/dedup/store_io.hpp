#pragma once
// dedup over the project's store: reads all records, applies the review decisions kept
// in the store, writes the core `clusters` table and dedup's own tables in one
// transaction.
//
// Tables of module "dedup": see store/dedup_tables.hpp.
//
// Stability: cluster_id is the smallest synth id of the cluster (the earliest imported
// record), so clusters found before keep their ids when new records are imported.
#include "synth/dedup/dedup.hpp"
#include "synth/dedup/review.hpp"

#include <filesystem>
#include <optional>

namespace synth::store {
class Store;
}

namespace synth::dedup {

// What `synth status` shows about duplicates.
struct Summary
{
  std::int64_t records = 0;
  std::int64_t unique = 0;             // clusters (single records count as one)
  std::int64_t duplicates_removed = 0; // records - unique
  std::int64_t uncertain_pairs = 0;    // pairs waiting for a review decision
  bool run = false;                    // false when dedup has not run since the last import
};

// Reads the summary from the store (records without a clusters row count as unique).
Summary summary(store::Store& store);

struct RunReport
{
  Summary summary;
  std::size_t comparisons = 0;
  std::size_t decisions_read = 0;    // decisions read from the review file
  std::size_t decisions_applied = 0; // decisions (all runs) that matched two records
  std::size_t decisions_vetoed = 0;  // "same" decisions refused by a "different" decision
  std::size_t review_rows = 0;       // rows written to the review file
  double read_seconds = 0;           // reading the records (benchmarks only)
  Timing timing;                     // the dedup steps
  double write_seconds = 0;          // writing clusters, pairs, merged records
};

// Runs dedup on every record of the store. With `review_file`: decisions in it (when it
// exists) are validated first (a bad row throws synth::Error naming file:line and
// nothing is written), saved in dedup_decisions and applied; afterwards the file is
// rewritten with the decided rows and the uncertain pairs left.
RunReport run(store::Store& store, const Options& options, const std::optional<std::filesystem::path>& review_file);

} // namespace synth::dedup
