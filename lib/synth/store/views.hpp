#pragma once
// What other modules read of the core tables (records, searches, clusters, screening), typed:
// the SQL stays in store/ (DESIGN.md section 1; issue 14 moves the remaining statements here).
#include "synth/store/store.hpp"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace synth::store {

// How many records the store holds.
std::int64_t record_count(Store& store);

// One record with where it came from and whether dedup kept it, in synth-id order.
struct RecordOrigin
{
  std::int64_t id = 0;
  std::string source;
  std::int64_t search_id = 0;
  bool kept = true;         // no clusters row, or kept = 1
  std::string prisma_group; // the PRISMA box the run that stored it was given ("" = by source)
};
std::vector<RecordOrigin> record_origins(Store& store);

// Dedup's clusters: how many records are in one, how many were removed as duplicates.
struct ClusterTotals
{
  std::int64_t clustered = 0;
  std::int64_t removed = 0;
};
ClusterTotals cluster_totals(Store& store);

// Each clustered record's cluster and whether it is the one kept.
struct ClusterMembership
{
  std::int64_t cluster_id = 0;
  bool kept = true;
};
std::unordered_map<std::int64_t, ClusterMembership> cluster_memberships(Store& store);

// The screening result of one record, as synth screen stored it.
struct ScreeningOutcome
{
  std::int64_t record_id = 0;
  std::string stage;
  std::string decision;
  std::string reason;
  std::string flags;
};
std::vector<ScreeningOutcome> screening_outcomes(Store& store); // by record id
// The same, keyed by record id.
std::unordered_map<std::int64_t, ScreeningOutcome> screening_rows(Store& store);

// Screening results grouped by stage (in pipeline order), decision and reason.
struct ScreeningGroup
{
  std::string stage;
  std::string decision;
  std::string reason;
  std::int64_t records = 0;
};
std::vector<ScreeningGroup> screening_groups(Store& store);

// Records whose screening result carries a flag.
std::int64_t flagged_records(Store& store);

} // namespace synth::store
