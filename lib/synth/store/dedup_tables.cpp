#include "synth/store/dedup_tables.hpp"

namespace synth::store {

namespace {

std::int64_t scalar(Store& store, const char* sql)
{
  auto st = store.prepare(sql);
  return st.step() ? st.column_int(0) : 0;
}

} // namespace

void migrate_dedup(Store& store)
{
  store.migrate("dedup", {R"sql(
CREATE TABLE dedup_pairs (
  a INTEGER NOT NULL, b INTEGER NOT NULL, score REAL NOT NULL, evidence TEXT NOT NULL,
  PRIMARY KEY (a, b)
);
CREATE TABLE dedup_decisions (
  a INTEGER NOT NULL, b INTEGER NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('same', 'different')),
  decided_at TEXT NOT NULL, file TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (a, b)
);
CREATE TABLE dedup_merged (
  cluster_id INTEGER NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL,
  from_record INTEGER NOT NULL, PRIMARY KEY (cluster_id, field)
);
)sql"});
}

DedupCounts dedup_counts(Store& store)
{
  DedupCounts c;
  c.records = record_count(store);
  c.clustered = scalar(store, "SELECT count(*) FROM clusters");
  c.removed = scalar(store, "SELECT count(*) FROM clusters WHERE kept = 0");
  if (scalar(store, "SELECT count(*) FROM sqlite_master WHERE name = 'dedup_pairs'") > 0) {
    c.uncertain_pairs = scalar(store, "SELECT count(*) FROM dedup_pairs");
  }
  return c;
}

namespace {
Store& migrated(Store& store)
{
  migrate_dedup(store);
  return store;
}
} // namespace

DedupTables::DedupTables(Store& store)
  : m_store(migrated(store)),
    m_listed(store.prepare("SELECT (SELECT count(*) FROM dedup_pairs WHERE a = ?1 AND b = ?2) + "
                           "(SELECT count(*) FROM dedup_decisions WHERE a = ?1 AND b = ?2)")),
    m_save(store.prepare("INSERT INTO dedup_decisions(a, b, decision, decided_at, file) "
                         "VALUES (?, ?, ?, ?, ?) ON CONFLICT(a, b) DO UPDATE SET "
                         "decision = excluded.decision, decided_at = excluded.decided_at, "
                         "file = excluded.file WHERE decision != excluded.decision")),
    m_member(store.prepare("INSERT INTO clusters(record_id, cluster_id, kept, evidence) VALUES (?, ?, ?, ?)")),
    m_pair(store.prepare("INSERT INTO dedup_pairs(a, b, score, evidence) VALUES (?, ?, ?, ?)")),
    m_merged(store.prepare("INSERT INTO dedup_merged(cluster_id, field, value, from_record) VALUES (?, ?, ?, ?)"))
{
}

bool DedupTables::pair_listed(std::int64_t a, std::int64_t b)
{
  m_listed.bind(1, a).bind(2, b);
  const bool found = m_listed.step() && m_listed.column_int(0) > 0;
  m_listed.reset();
  return found;
}

void DedupTables::save_decision(const StoredPairDecision& d, std::string_view decided_at, std::string_view file)
{
  m_save.bind(1, d.a)
    .bind(2, d.b)
    .bind(3, std::string_view(d.same ? "same" : "different"))
    .bind(4, decided_at)
    .bind(5, file)
    .run();
  m_save.reset();
}

std::vector<StoredPairDecision> DedupTables::decisions()
{
  std::vector<StoredPairDecision> out;
  auto st = m_store.prepare("SELECT a, b, decision FROM dedup_decisions ORDER BY a, b");
  while (st.step()) {
    out.push_back({st.column_int(0), st.column_int(1), st.column_text(2) == "same"});
  }
  return out;
}

void DedupTables::clear_result()
{
  m_store.exec("DELETE FROM clusters");
  m_store.exec("DELETE FROM dedup_pairs");
  m_store.exec("DELETE FROM dedup_merged");
}

void DedupTables::add_member(std::int64_t record_id, std::int64_t cluster_id, bool kept, std::string_view evidence)
{
  m_member.bind(1, record_id).bind(2, cluster_id).bind(3, kept ? 1 : 0).bind(4, evidence).run();
  m_member.reset();
}

void DedupTables::add_pair(std::int64_t a, std::int64_t b, double score, std::string_view evidence)
{
  m_pair.bind(1, a).bind(2, b).bind(3, score).bind(4, evidence).run();
  m_pair.reset();
}

void DedupTables::add_merged(std::int64_t cluster_id, std::string_view field, std::string_view value, std::int64_t from)
{
  m_merged.bind(1, cluster_id).bind(2, field).bind(3, value).bind(4, from).run();
  m_merged.reset();
}

void DedupTables::merge_abstracts()
{
  m_store.exec(R"sql(
INSERT INTO dedup_merged(cluster_id, field, value, from_record)
SELECT cluster_id, 'abstract', abstract, id FROM (
  SELECT c.cluster_id, r.abstract, r.id, row_number() OVER (
    PARTITION BY c.cluster_id ORDER BY length(CAST(r.abstract AS BLOB)) DESC, c.kept DESC, r.id) AS n
  FROM clusters c JOIN records r ON r.id = c.record_id
  WHERE r.abstract != '' AND c.cluster_id IN (SELECT cluster_id FROM clusters WHERE kept = 0))
WHERE n = 1
)sql");
}

} // namespace synth::store
