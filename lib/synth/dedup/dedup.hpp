#pragma once
// Duplicate detection over all records of a review (pure core, no I/O).
//
// Records are normalised (features.hpp) and grouped by blocking keys (DOI, PMID, copy
// fingerprint, first and last three significant words of each title form, first author +
// year, volume + first page); pairs inside a block are compared (compare.hpp)
// (blocks larger than Options::max_block by sorted neighbourhood), and pairs that match
// are joined best-first in a union-find. Two clusters are joined only when no pair across
// them has a veto (different kind, part, DOI, PMID, volume, pages, years) and no review
// decision says "different": a chain of likely pairs can never merge two different
// studies. Pairs with some but not enough evidence are not merged; they are returned as
// uncertain for a person to decide.
#include "synth/core/record.hpp"
#include "synth/dedup/compare.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace synth::dedup {

// A person's decision on a pair of records (synth ids), read from the review file.
struct ReviewDecision
{
  std::int64_t a = 0;
  std::int64_t b = 0;
  bool same = false; // same -> merged whatever the rules say; different -> never in one cluster
};

struct Membership
{
  std::int64_t record_id = 0;
  std::int64_t cluster_id = 0; // synth id of the kept record (the smallest id of the cluster)
  bool kept = true;
  std::string evidence; // "" for a record alone; for a duplicate "<id>: <how it matched>"
};

struct UncertainPair
{
  std::int64_t a = 0; // a < b
  std::int64_t b = 0;
  double score = 0;
  std::string evidence;
};

struct MergedField
{
  std::string field; // title, abstract, authors, year, journal, volume, issue, pages, doi, pmid ...
  std::string value;
  std::int64_t from = 0; // synth id of the record the value came from
};

struct MergedRecord
{
  std::int64_t cluster_id = 0;
  std::vector<MergedField> fields;
};

// Wall time of each step of a run, in seconds (for benchmarks; nothing depends on it).
struct Timing
{
  double features = 0;   // normalising every record
  double blocking = 0;   // candidate pairs
  double comparing = 0;  // comparing the pairs
  double clustering = 0; // joining clusters, members, merged records, uncertain pairs
};

struct Result
{
  std::vector<Membership> members;      // one per input record, in input order
  std::vector<UncertainPair> uncertain; // pairs left for review, best score first
  std::vector<MergedRecord> merged;     // one per cluster of two or more records
  std::size_t records = 0;
  std::size_t unique = 0;            // clusters, counting single records
  std::size_t comparisons = 0;       // pairs compared
  std::size_t decisions_applied = 0; // review decisions that matched two records
  std::size_t decisions_vetoed = 0;  // "same" decisions refused by the reviewers' own "different"
  Timing timing;
};

// Finds the duplicate clusters of `records` (ids must be set and distinct). Deterministic:
// the same records and decisions give the same result whatever their order.
Result deduplicate(const std::vector<Record>& records, const Options& options = {},
                   const std::vector<ReviewDecision>& decisions = {});

// The merged record of a cluster: for each field the best available value (the kept
// record's when it has one, else the fullest) and the record it came from. `members` are
// the cluster's records, kept record first.
MergedRecord merge_records(const std::vector<const Record*>& members);

} // namespace synth::dedup
