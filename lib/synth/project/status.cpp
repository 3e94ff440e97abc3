#include "synth/project/status.hpp"

#include "synth/store/retrieved.hpp"

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
  {
    auto st = store.prepare("SELECT COUNT(*), COALESCE(SUM(kept = 0), 0) FROM clusters");
    st.step();
    s.deduplicated = st.column_int(0) > 0;
    s.duplicates = st.column_int(1);
    s.unique_records = s.records - s.duplicates;
  }
  {
    auto st = store.prepare(
      "SELECT stage, decision, reason, COUNT(*) FROM screening GROUP BY stage, decision, reason "
      "ORDER BY CASE stage WHEN 'automatic' THEN 0 WHEN 'title' THEN 1 WHEN 'abstract' THEN 2 "
      "WHEN 'title-abstract' THEN 3 WHEN 'full-text' THEN 4 ELSE 5 END, decision, reason");
    while (st.step()) {
      s.screening.push_back({st.column_text(0), st.column_text(1), st.column_text(2), st.column_int(3)});
    }
    s.screened = !s.screening.empty();
  }
  {
    auto st = store.prepare("SELECT COUNT(*) FROM screening WHERE flags != ''");
    st.step();
    s.flagged = st.column_int(0);
  }
  return s;
}

} // namespace synth::project
