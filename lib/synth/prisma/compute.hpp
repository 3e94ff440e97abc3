#pragma once
// The flow computed from a review's store, at every point of the pipeline: a stage that has
// not run yet shows 0 (its records are counted as pending), never an estimate.
//
// One source of truth per stage: records and their sources come from the core `records`
// table (what search and import stored), duplicates from the `clusters` table that dedup
// writes, screening from screen's own reader of its result (screen::outcomes(), the core
// `screening` table) and the stages in use from screen's summary. screen::prisma_screening()
// reads the same rows; the two agree (tests/unit/prisma/test_agreement.cpp) except where
// PRISMA needs more than screen's totals: other-methods records are kept apart, and a
// full-text exclusion whose reason says the report was not retrieved counts as not retrieved.
//
// Mapping (documented for users in docs/prisma.md):
//   identified   records per records.source, grouped by classify_source(): databases
//                (database_results + database_specific_results, in import order),
//                registers, websites, organisations, citation searching
//   duplicates   database/register records with a clusters row kept = 0; records without a
//                clusters row (dedup not run) count as unique
//   screening    the screening row of each unique record (screen's semantics: the stage a
//                record was excluded at, waits at, or full-text when included):
//                automatic exclude        -> excluded_automatic
//                title exclude            -> title_excluded (records_excluded)
//                abstract / title-abstract exclude -> abstract_excluded (records_excluded)
//                full-text exclude        -> dbr_excluded by reason; a reason that says the
//                                            report was not retrieved ("not retrieved",
//                                            "full text not available" ...) -> dbr_notretrieved
//                full-text include        -> new_reports (and new_studies: each included
//                                            record is one study until reports are linked)
//                full-text pending        -> sought and assessed, reports_pending
//                no row, or pending before full text -> records_pending
//                Title and abstract are separate steps when screen's stages in use hold title
//                and abstract; before screen has run, when the table has rows of both stages. A row 'include' before
//                full text (screen never writes one; hand-made stores may) means passed: awaiting the next stage.
//   other methods  unique website/organisation/citation records that reach full text go to
//                other_sought_reports, other_notretrieved_reports, other_assessed,
//                other_excluded; those excluded earlier are not sought. Their duplicates are
//                not counted (PRISMA has no box for them).
#include "synth/prisma/flow.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace synth::store {
class Store;
}

namespace synth::prisma {

enum class SourceGroup { database, register_, website, organisation, citations };

// Which PRISMA box a source's records count in. An explicit `prisma_group` (SearchDetails)
// of the search or import that stored the record ("database", "register", "website",
// "organisation", "citations") wins; otherwise by name (case-insensitive): trial registers
// (ClinicalTrials.gov, ICTRP, ISRCTN, EU CTR, ANZCTR, CTRI, DRKS, names with
// "register"/"registry") are registers; "website..."/"web search"/"google..." websites;
// "organisation..."/"organization..." organisations; "citation...", "reference list...",
// "snowball...", "hand search..." citation searching; everything else is a database.
SourceGroup classify_source(std::string_view source, std::string_view prisma_group = {});

// The group a name means (case-insensitive): database, register(s), website(s),
// organisation(s)/organization(s), citations/citation searching/other; nullopt otherwise.
// `synth import --prisma-group NAME` stores NAME in the run's details.
std::optional<SourceGroup> source_group_named(std::string_view name);

// True for a full-text reason that means the report could not be obtained.
bool means_not_retrieved(std::string_view reason);

// True for the reason synth screen --stop-by-rule gives the records it leaves unscreened.
bool means_stopping_rule(std::string_view reason);

// The state of one record as the store gives it.
struct RecordState
{
  std::string source;
  SourceGroup group = SourceGroup::database;
  bool kept = true;     // no clusters row, or kept = 1
  std::string stage;    // screening stage name ("title", "full-text" ...), empty when no row
  std::string decision; // "include", "exclude", "pending"; empty when no row
  std::string reason;
};

// The pure mapping above, for records in synth-id order. `separate_steps`: whether title
// and abstract were screened as separate steps; nullopt derives it from the rows.
// `retrieved`: records as each source's searches and imports returned them
// (store/retrieved.hpp). A database or register whose strategies returned more records than
// the store keeps of it (a record found by two of its strategies) is counted as retrieved,
// and the repeats are added to the duplicates removed, as PRISMA 2020 counts them.
Flow tally_flow(const std::vector<RecordState>& records, std::optional<bool> separate_steps = std::nullopt,
                const std::map<std::string, std::int64_t>& retrieved = {});

// Reads the store and tallies. The result passes check_flow().
Flow compute_flow(store::Store& store);

} // namespace synth::prisma
