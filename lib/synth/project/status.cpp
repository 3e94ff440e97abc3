#include "synth/project/status.hpp"

#include "synth/store/retrieved.hpp"
#include "synth/store/views.hpp"

namespace synth::project {

Status read_status(store::Store& store)
{
  Status s;
  auto counts = store.counts();
  s.records = counts.records;
  s.searches = counts.searches;
  s.imports = counts.imports;
  s.per_source = counts.per_source;
  auto retrieved = store::retrieved_per_source(store);
  for (const auto& [source, n] : s.per_source) {
    auto it = retrieved.find(source);
    if (it != retrieved.end() && it->second > n) {
      s.retrieved[source] = it->second;
    }
  }
  auto clusters = store::cluster_totals(store);
  s.deduplicated = clusters.clustered > 0;
  s.duplicates = clusters.removed;
  s.unique_records = s.records - s.duplicates;
  for (auto& g : store::screening_groups(store)) {
    s.screening.push_back({std::move(g.stage), std::move(g.decision), std::move(g.reason), g.records});
  }
  s.screened = !s.screening.empty();
  s.flagged = store::flagged_records(store);
  return s;
}

} // namespace synth::project
