#pragma once
// Records as each source's searches and imports returned them (PRISMA 2020 "records
// identified"), as opposed to the distinct records the store keeps of it.
#include "synth/store/store.hpp"

#include <cstdint>
#include <map>
#include <string>

namespace synth::store {

// Per source (searches.database): the sum over its distinct strategies of the records a
// strategy returned. A strategy is a search's query as sent, or an import's file content
// (its hash); runs of the same strategy (a re-run, a resumed search, the same file imported
// again) count once, with the largest count any of them returned. Two strategies of one
// database, or two export files, count separately, so a record both returned counts twice.
std::map<std::string, std::int64_t> retrieved_per_source(Store& store);

} // namespace synth::store
