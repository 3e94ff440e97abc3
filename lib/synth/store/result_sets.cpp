#include "synth/store/result_sets.hpp"

#include "synth/util/text.hpp"

namespace synth::store {

void migrate_result_sets(Store& store)
{
  store.migrate("search", {R"(
CREATE TABLE search_result_sets (
  id INTEGER PRIMARY KEY,
  database TEXT NOT NULL,
  query_sent TEXT NOT NULL,
  created_at TEXT NOT NULL,
  count INTEGER NOT NULL,
  ids TEXT NOT NULL,            -- PMIDs in PubMed's order, comma separated
  search_id INTEGER             -- the searches row that completed it; NULL while pending
);
CREATE INDEX search_result_sets_sent ON search_result_sets(database, query_sent);
)"});
}

std::optional<ResultSet> pending_result_set(Store& store, std::string_view database, std::string_view query_sent)
{
  auto st = store.prepare("SELECT id, count, ids FROM search_result_sets WHERE database = ? AND query_sent = ? "
                          "AND search_id IS NULL ORDER BY id DESC LIMIT 1");
  st.bind(1, database).bind(2, query_sent);
  if (!st.step()) {
    return std::nullopt;
  }
  ResultSet rs;
  rs.id = st.column_int(0);
  rs.count = st.column_int(1);
  std::string text = st.column_text(2); // split() gives views into it
  for (auto id : util::split(text, ',')) {
    if (!id.empty()) {
      rs.ids.emplace_back(id);
    }
  }
  return rs;
}

std::int64_t save_result_set(Store& store, std::string_view database, std::string_view query_sent, std::int64_t count,
                             const std::vector<std::string>& ids)
{
  Store::Transaction tx(store);
  auto st =
    store.prepare("INSERT INTO search_result_sets(database, query_sent, created_at, count, ids) VALUES(?, ?, ?, ?, ?)");
  st.bind(1, database).bind(2, query_sent).bind(3, now_utc()).bind(4, count).bind(5, util::join(ids, ","));
  st.run();
  auto q = store.prepare("SELECT last_insert_rowid()");
  q.step();
  auto id = q.column_int(0);
  tx.commit();
  return id;
}

void complete_result_set(Store& store, std::int64_t set_id, std::int64_t search_id)
{
  auto st = store.prepare("UPDATE search_result_sets SET search_id = ? WHERE id = ?");
  st.bind(1, search_id).bind(2, set_id);
  st.run();
}

} // namespace synth::store
