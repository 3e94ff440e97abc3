#pragma once
// What a project holds, stage by stage: the figures behind `synth status`.
#include "synth/store/store.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace synth::project {

struct ScreeningCount
{
  std::string stage;    // automatic, title, abstract, title-abstract, full-text, pending
  std::string decision; // include, exclude, pending
  std::string reason;
  std::int64_t records = 0;
};

struct Status
{
  std::int64_t records = 0;
  std::int64_t searches = 0;
  std::int64_t imports = 0;
  std::vector<std::pair<std::string, std::int64_t>> per_source; // distinct records stored
  // Records as the source's searches and imports returned them (store/retrieved.hpp), for
  // the sources where that is more than per_source: found by two of its strategies.
  std::map<std::string, std::int64_t> retrieved;
  bool deduplicated = false;             // clusters exist
  std::int64_t unique_records = 0;       // records that are not duplicates of another
  std::int64_t duplicates = 0;           // records removed as duplicates
  bool screened = false;                 // screening results exist
  std::vector<ScreeningCount> screening; // grouped by stage, decision, reason
  std::int64_t flagged = 0;              // records carrying a flag (undecided rule ...)
};

Status read_status(store::Store& store);

} // namespace synth::project
