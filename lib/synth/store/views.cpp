#include "synth/store/views.hpp"

namespace synth::store {

std::int64_t record_count(Store& store)
{
  auto st = store.prepare("SELECT count(*) FROM records");
  return st.step() ? st.column_int(0) : 0;
}

std::vector<RecordOrigin> record_origins(Store& store)
{
  std::vector<RecordOrigin> out;
  auto st = store.prepare("SELECT r.id, r.source, r.search_id, c.kept, s.details FROM records r "
                          "LEFT JOIN clusters c ON c.record_id = r.id "
                          "LEFT JOIN searches s ON s.id = r.search_id ORDER BY r.id");
  while (st.step()) {
    RecordOrigin r;
    r.id = st.column_int(0);
    r.source = st.column_text(1);
    r.search_id = st.column_int(2);
    r.kept = st.column_is_null(3) || st.column_int(3) != 0;
    r.prisma_group = details_from_json(st.column_text(4)).prisma_group;
    out.push_back(std::move(r));
  }
  return out;
}

ClusterTotals cluster_totals(Store& store)
{
  auto st = store.prepare("SELECT COUNT(*), COALESCE(SUM(kept = 0), 0) FROM clusters");
  st.step();
  return {st.column_int(0), st.column_int(1)};
}

std::unordered_map<std::int64_t, ClusterMembership> cluster_memberships(Store& store)
{
  std::unordered_map<std::int64_t, ClusterMembership> out;
  auto st = store.prepare("SELECT record_id, cluster_id, kept FROM clusters");
  while (st.step()) {
    out[st.column_int(0)] = {st.column_int(1), st.column_int(2) != 0};
  }
  return out;
}

std::vector<ScreeningOutcome> screening_outcomes(Store& store)
{
  std::vector<ScreeningOutcome> out;
  auto st = store.prepare("SELECT record_id, stage, decision, reason, flags FROM screening ORDER BY record_id");
  while (st.step()) {
    out.push_back({st.column_int(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4)});
  }
  return out;
}

std::unordered_map<std::int64_t, ScreeningOutcome> screening_rows(Store& store)
{
  std::unordered_map<std::int64_t, ScreeningOutcome> out;
  for (auto& o : screening_outcomes(store)) {
    const std::int64_t id = o.record_id;
    out[id] = std::move(o);
  }
  return out;
}

std::vector<ScreeningGroup> screening_groups(Store& store)
{
  std::vector<ScreeningGroup> out;
  auto st = store.prepare("SELECT stage, decision, reason, COUNT(*) FROM screening GROUP BY stage, decision, reason "
                          "ORDER BY CASE stage WHEN 'automatic' THEN 0 WHEN 'title' THEN 1 WHEN 'abstract' THEN 2 "
                          "WHEN 'title-abstract' THEN 3 WHEN 'full-text' THEN 4 ELSE 5 END, decision, reason");
  while (st.step()) {
    out.push_back({st.column_text(0), st.column_text(1), st.column_text(2), st.column_int(3)});
  }
  return out;
}

std::int64_t flagged_records(Store& store)
{
  auto st = store.prepare("SELECT COUNT(*) FROM screening WHERE flags != ''");
  st.step();
  return st.column_int(0);
}

} // namespace synth::store
