#pragma once
// Search result sets: the ids a database's search step returned (PubMed's esearch PMIDs, in its
// order), kept so that an interrupted search resumes with the same records instead of asking
// again. A set is pending until the searches row that fetched its records completes it.
#include "synth/store/store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace synth::store {

// The table (schema module "search"); idempotent.
void migrate_result_sets(Store& store);

struct ResultSet
{
  std::int64_t id = 0;
  std::int64_t count = 0;       // the hit count the database reported
  std::vector<std::string> ids; // in the database's order
};

// The latest set of `database` for this query as sent that no search has completed yet.
std::optional<ResultSet> pending_result_set(Store& store, std::string_view database, std::string_view query_sent);

// Stores a new pending set in its own transaction (it survives a failed fetch); returns its id.
std::int64_t save_result_set(Store& store, std::string_view database, std::string_view query_sent, std::int64_t count,
                             const std::vector<std::string>& ids);

// Marks the set as completed by the searches row `search_id`.
void complete_result_set(Store& store, std::int64_t set_id, std::int64_t search_id);

} // namespace synth::store
