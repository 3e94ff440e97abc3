#pragma once
// The store side of dedup (issue 14: SQL lives in store/): the core `clusters` table as dedup
// writes it, and dedup's own tables.
//
// Tables of module "dedup" (Store::migrate):
//   dedup_pairs     a, b, score, evidence: the uncertain pairs of the last run
//   dedup_decisions a, b, decision ('same'|'different'), decided_at, file: review
//                   decisions, applied on every later run (re-runs stay stable)
//   dedup_merged    cluster_id, field, value, from_record: the merged record of each
//                   cluster of two or more records, with the record each value came from
#include "synth/store/store.hpp"
#include "synth/store/views.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace synth::store {

// Creates or updates dedup's tables.
void migrate_dedup(Store& store);

// What `synth status` shows about duplicates, as counted in the store.
struct DedupCounts
{
  std::int64_t records = 0;
  std::int64_t clustered = 0;       // records with a clusters row
  std::int64_t removed = 0;         // clusters rows with kept = 0
  std::int64_t uncertain_pairs = 0; // dedup_pairs rows (0 before dedup ever ran)
};
DedupCounts dedup_counts(Store& store);

// A reviewer's decision on a pair, as kept in dedup_decisions.
struct StoredPairDecision
{
  std::int64_t a = 0;
  std::int64_t b = 0;
  bool same = false;
};

class DedupTables
{
public:
  explicit DedupTables(Store& store); // migrates dedup's tables
  // True when the pair was listed for review by the last run or decided before.
  bool pair_listed(std::int64_t a, std::int64_t b);
  // Saves a decision (kept as it was when the same decision is saved again).
  void save_decision(const StoredPairDecision& d, std::string_view decided_at, std::string_view file);
  std::vector<StoredPairDecision> decisions();

  // Replacing the result of the last run: clear(), then the rows, then merge_abstracts().
  void clear_result();
  void add_member(std::int64_t record_id, std::int64_t cluster_id, bool kept, std::string_view evidence);
  void add_pair(std::int64_t a, std::int64_t b, double score, std::string_view evidence);
  void add_merged(std::int64_t cluster_id, std::string_view field, std::string_view value, std::int64_t from);
  // The merged record's abstract: the longest of its cluster (the kept record's on a tie),
  // chosen in SQL so that dedup never reads the abstracts.
  void merge_abstracts();

private:
  Store& m_store;
  Statement m_listed, m_save, m_member, m_pair, m_merged;
};

} // namespace synth::store
