#pragma once
// The flow computed from a review's store. Reads only the core tables (records, searches,
// clusters, screening; see store.hpp), so it works at every point of the pipeline: a stage
// that has not run yet shows 0 (its records are counted as pending), never an estimate.
//
// Mapping (documented for users in docs/prisma.md):
//   identified   records per records.source, grouped by classify_source(): databases
//                (database_results + database_specific_results, in import order),
//                registers, websites, organisations, citation searching
//   duplicates   database/register records with a clusters row kept = 0; records without a
//                clusters row (dedup not run) count as unique
//   screening    the screening row of each unique record:
//                automatic exclude        -> excluded_automatic
//                title exclude            -> title_excluded (records_excluded)
//                abstract / title-abstract exclude -> abstract_excluded (records_excluded)
//                full-text exclude        -> dbr_excluded by reason; a reason that says the
//                                            report was not retrieved ("not retrieved",
//                                            "full text not available" ...) -> dbr_notretrieved
//                full-text include        -> new_reports (and new_studies: each included
//                                            record is one study until reports are linked)
//                no row, 'pending', automatic/title pass -> records_pending (awaiting title
//                                            or abstract screening)
//                abstract / title-abstract pass, full-text pending -> reports_pending
//                Title and abstract are separate steps when the table has rows of both
//                stages; a 'title' pass without abstract stage then means screened.
//   other methods  unique website/organisation/citation records that reach full text go to
//                other_sought_reports, other_notretrieved_reports, other_assessed,
//                other_excluded; those excluded earlier are not sought. Their duplicates are
//                not counted (PRISMA has no box for them).
#include "synth/prisma/flow.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace synth::store {
class Store;
}

namespace synth::prisma {

enum class SourceGroup { database, register_, website, organisation, citations };

// Which PRISMA box a source's records count in. An explicit "prisma_group" in a search's
// details JSON ("database", "register", "website", "organisation", "citations") wins;
// otherwise by name (case-insensitive): trial registers (ClinicalTrials.gov, ICTRP,
// ISRCTN, EU CTR, ANZCTR, names with "register"/"registry" or "register:") are registers;
// "website..."/"web search"/"google" websites; "organisation:"/"organization:"
// organisations; "citation...", "reference list...", "snowball...", "hand search..."
// citation searching; everything else is a database.
SourceGroup classify_source(std::string_view source, std::string_view details_json = {});

// The state of one record as the core tables give it.
struct RecordState
{
  std::string source;
  bool kept = true;     // no clusters row, or kept = 1
  std::string stage;    // screening.stage, empty when no row
  std::string decision; // screening.decision, empty when no row
  std::string reason;
};

// The pure mapping above: records in synth-id order, and the group of each source
// (sources missing from `groups` are classified by name).
Flow tally_flow(const std::vector<RecordState>& records, const std::map<std::string, SourceGroup>& groups);

// True for a full-text reason that means the report could not be obtained.
bool means_not_retrieved(std::string_view reason);

// Reads the store and tallies. The result passes check_flow().
Flow compute_flow(store::Store& store);

} // namespace synth::prisma
