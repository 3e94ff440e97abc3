#pragma once
// Provenance of the records a citation chase found (`synth chase`, docs/openalex.md): for
// each record, each seed that led to it, in which direction, when and by which request.
// A record reached from two seeds (or both ways) has a row for each.
#include "synth/store/store.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace synth::store {

// The table (schema module "chase"); idempotent.
void migrate_chase(Store& store);

struct ChaseLink
{
  std::int64_t record_id = 0;
  std::int64_t search_id = 0;
  std::string seed;      // the seed's OpenAlex id and how it was given: "W123 (doi:10.1/x)"
  std::string direction; // "backward" (a reference of the seed) | "forward" (cites the seed)
  std::string found_at;  // UTC, ISO 8601
  std::string request;   // the request that returned it (net::describe: no secrets)
};

void add_chase_link(Store& store, const ChaseLink& link);
// Every link of a record (or of every record when record_id is 0), in id order.
std::vector<ChaseLink> chase_links(Store& store, std::int64_t record_id = 0);

} // namespace synth::store
