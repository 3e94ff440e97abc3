#pragma once
// What the last `synth screen` stored, for `synth status`, `synth prisma` and
// `synth export`. All functions read the store only; before screen has ever run they
// return empty results (ran() is false).
#include "synth/screen/agreement.hpp"
#include "synth/screen/engine.hpp"
#include "synth/screen/stage.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace synth::store {
class Store;
}

namespace synth::screen {

using ReasonCounts = std::vector<std::pair<std::string, std::int64_t>>; // by count desc, then reason

// True when screen has run on this store (its result is stored).
bool ran(store::Store& store);

// One stage of `synth status`, for automatic then each human stage in use, in order.
struct StageSummary
{
  Stage stage = Stage::automatic;
  std::int64_t reached = 0;        // records that came to this stage (= pending + passed + excluded)
  std::int64_t pending = 0;        // waiting for a decision at this stage (incl. conflicts)
  std::int64_t passed = 0;         // went on to the next stage; at full-text: included
  std::int64_t excluded = 0;       // excluded at this stage
  ReasonCounts excluded_by_reason; // reason "" when reviewers gave none
  std::int64_t flagged = 0;        // records that reached this stage carrying a flag raised at it
                                   // (automatic: also "language detected")
  std::int64_t conflicts = 0;      // pending here because reviewers disagree
};
std::vector<StageSummary> stage_summary(store::Store& store);

// The screening part of the PRISMA 2020 flow (data keys in brackets):
struct PrismaScreening
{
  std::int64_t unique_records = 0;     // records screen worked on (after duplicates removed)
  std::int64_t excluded_automatic = 0; // [excluded_automatic] automatic-stage exclusions
  ReasonCounts automatic_reasons;
  std::int64_t records_screened = 0;   // [records_screened] unique_records - excluded_automatic
  std::int64_t excluded_title = 0;     // excluded at title
  std::int64_t excluded_abstract = 0;  // excluded at abstract or title-abstract
  std::int64_t records_excluded = 0;   // [records_excluded] excluded_title + excluded_abstract
  std::int64_t full_text_reached = 0;  // [dbr_sought_reports] passed title/abstract screening
  std::int64_t full_text_pending = 0;  // reached full-text, not decided yet
  std::int64_t full_text_assessed = 0; // [dbr_assessed] full_text_reached - full_text_pending
  std::int64_t excluded_full_text = 0; // [dbr_excluded] by reason below
  ReasonCounts full_text_reasons;
  std::int64_t included = 0; // [new_studies] included after full-text
  std::int64_t pending = 0;  // pending at any human stage (the flow is incomplete
                             // while this is not 0)
};
PrismaScreening prisma_screening(store::Store& store);

// The stored outcome of every screened (unique) record, by record id: the `screening`
// table. For `synth export` (stage, decision, reason columns and the flags).
struct RecordScreening
{
  std::int64_t record_id = 0;
  Stage stage = Stage::automatic;
  Final decision = Final::pending;
  std::string reason;
  std::string flags; // "; "-separated
};
std::vector<RecordScreening> outcomes(store::Store& store);

// Ids of the records waiting for a decision at `stage` (the next reviewer's batch), in id
// order. included_records(): ids of the included records.
std::vector<std::int64_t> pending_at(store::Store& store, Stage stage);
std::vector<std::int64_t> included_records(store::Store& store);

// Unresolved conflicts and reviewer agreement of the last run.
struct StoredConflict
{
  std::int64_t record_id = 0;
  Stage stage = Stage::title;
  std::string decisions; // "AT include, BS exclude"
};
std::vector<StoredConflict> conflicts(store::Store& store);
std::vector<Agreement> agreement(store::Store& store);

} // namespace synth::screen
