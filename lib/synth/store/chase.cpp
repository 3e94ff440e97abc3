#include "synth/store/chase.hpp"

namespace synth::store {

void migrate_chase(Store& store)
{
  store.migrate("chase", {R"(
CREATE TABLE chase_links (
  id INTEGER PRIMARY KEY,
  record_id INTEGER NOT NULL,
  search_id INTEGER NOT NULL,
  seed TEXT NOT NULL,
  direction TEXT NOT NULL,     -- backward | forward
  found_at TEXT NOT NULL,
  request TEXT NOT NULL,
  UNIQUE(record_id, search_id, seed, direction)
);
CREATE INDEX chase_links_record ON chase_links(record_id);
)"});
}

void add_chase_link(Store& store, const ChaseLink& link)
{
  auto st = store.prepare("INSERT OR IGNORE INTO chase_links(record_id, search_id, seed, direction, found_at, request) "
                          "VALUES(?, ?, ?, ?, ?, ?)");
  st.bind(1, link.record_id).bind(2, link.search_id).bind(3, link.seed).bind(4, link.direction);
  st.bind(5, link.found_at).bind(6, link.request);
  st.run();
}

std::vector<ChaseLink> chase_links(Store& store, std::int64_t record_id)
{
  auto st =
    store.prepare(record_id ? "SELECT record_id, search_id, seed, direction, found_at, request FROM chase_links "
                              "WHERE record_id = ? ORDER BY id"
                            : "SELECT record_id, search_id, seed, direction, found_at, request FROM chase_links "
                              "WHERE ? = 0 ORDER BY id");
  st.bind(1, record_id);
  std::vector<ChaseLink> out;
  while (st.step()) {
    ChaseLink l;
    l.record_id = st.column_int(0);
    l.search_id = st.column_int(1);
    l.seed = st.column_text(2);
    l.direction = st.column_text(3);
    l.found_at = st.column_text(4);
    l.request = st.column_text(5);
    out.push_back(std::move(l));
  }
  return out;
}

} // namespace synth::store
