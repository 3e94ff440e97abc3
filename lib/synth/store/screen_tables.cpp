#include "synth/store/screen_tables.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace synth::store {

namespace {

const std::vector<std::string> k_migrations = {
  R"(CREATE TABLE screen_rule_results (
  record_id INTEGER NOT NULL,
  rule INTEGER NOT NULL,
  line INTEGER NOT NULL,
  stage TEXT NOT NULL,
  action TEXT NOT NULL,
  reason TEXT NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('applied', 'undecided')),
  missing TEXT NOT NULL DEFAULT ''
);
CREATE INDEX screen_rule_results_record ON screen_rule_results(record_id);
CREATE TABLE screen_decisions (
  record_id INTEGER NOT NULL,
  stage TEXT NOT NULL,
  decision TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  reviewer TEXT NOT NULL DEFAULT '',
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  record_ref TEXT NOT NULL
);
CREATE INDEX screen_decisions_record ON screen_decisions(record_id);
CREATE TABLE screen_languages (
  record_id INTEGER PRIMARY KEY,
  language TEXT NOT NULL,
  confidence REAL NOT NULL,
  reliable INTEGER NOT NULL
);
CREATE TABLE screen_extraction (
  record_id INTEGER NOT NULL,
  column_name TEXT NOT NULL,
  value TEXT NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL
);
CREATE TABLE screen_conflicts (
  record_id INTEGER NOT NULL,
  stage TEXT NOT NULL,
  decisions TEXT NOT NULL
);
CREATE TABLE screen_agreement (
  stage TEXT NOT NULL,
  reviewer_a TEXT NOT NULL,
  reviewer_b TEXT NOT NULL,
  records INTEGER NOT NULL,
  observed REAL NOT NULL,
  expected REAL NOT NULL,
  kappa REAL,
  conflicts INTEGER NOT NULL
);
CREATE TABLE screen_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);)",
  // Every run rewrites these tables whole and nothing looks them up by record: their
  // indexes only slowed the writes (a million records: a million index entries each).
  R"(DROP INDEX IF EXISTS screen_rule_results_record;
DROP INDEX IF EXISTS screen_decisions_record;)",
  // The rules once (screen_rules), their results per record by rule number: the same
  // stage, action and reason written a million times made the table the slowest write.
  R"(DROP TABLE screen_rule_results;
CREATE TABLE screen_rules (
  rule INTEGER PRIMARY KEY,
  line INTEGER NOT NULL,
  stage TEXT NOT NULL,
  action TEXT NOT NULL,
  reason TEXT NOT NULL,
  condition TEXT NOT NULL
);
CREATE TABLE screen_rule_results (
  record_id INTEGER NOT NULL,
  rule INTEGER NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('applied', 'undecided')),
  missing TEXT NOT NULL DEFAULT ''
);)",
  // The search log's entries of synth screen --stop-by-rule (docs/screen.md).
  R"(CREATE TABLE screen_stops (
  id INTEGER PRIMARY KEY,
  stage TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  target REAL NOT NULL,
  confidence REAL NOT NULL,
  p_value REAL NOT NULL,
  screened INTEGER NOT NULL,
  relevant INTEGER NOT NULL,
  unscreened INTEGER NOT NULL,
  file TEXT NOT NULL,
  run_at TEXT NOT NULL,
  tool_version TEXT NOT NULL
);)"};

} // namespace

void migrate_screen(Store& store) { store.migrate("screen", k_migrations); }

std::unordered_map<std::int64_t, std::int64_t> kept_record_of_clustered(Store& store)
{
  std::unordered_map<std::int64_t, std::int64_t> kept;
  auto st = store.prepare("SELECT c.record_id, k.record_id FROM clusters c "
                          "JOIN clusters k ON k.cluster_id = c.cluster_id AND k.kept = 1");
  while (st.step()) {
    kept[st.column_int(0)] = st.column_int(1);
  }
  return kept;
}

void for_each_source_id(Store& store,
                        const std::function<void(std::int64_t, const std::string&, const std::string&)>& fn)
{
  auto st = store.prepare("SELECT id, source, source_id FROM records");
  while (st.step()) {
    fn(st.column_int(0), st.column_text(1), st.column_text(2));
  }
}

void for_each_pmid(Store& store, const std::function<void(std::int64_t, const std::string&)>& fn)
{
  auto st = store.prepare("SELECT id, pmid FROM records WHERE pmid != ''");
  while (st.step()) {
    fn(st.column_int(0), st.column_text(1));
  }
}

void for_each_doi(Store& store, const std::function<void(std::int64_t, const std::string&)>& fn)
{
  auto st = store.prepare("SELECT id, doi FROM records WHERE doi != ''");
  while (st.step()) {
    fn(st.column_int(0), st.column_text(1));
  }
}

// The raw SQLite API here: each text column is copied into the batch's existing strings
// (assign reuses their buffers), where Statement::column_text would allocate a new string
// per column per record (14 million allocations for a million records).
UniqueRecordReader::UniqueRecordReader(Store& store) : m_db(store.handle())
{
  const char* sql = "SELECT r.id, r.source, r.source_id, r.doi, r.pmid, r.title, r.abstract, r.year, r.date, "
                    "r.journal, r.journal_abbrev, r.issn, r.language, r.type FROM records r "
                    "LEFT JOIN clusters c ON c.record_id = r.id WHERE c.record_id IS NULL OR c.kept = 1 ORDER BY r.id";
  if (int rc = sqlite3_prepare_v2(m_db, sql, -1, &m_st, nullptr); rc != SQLITE_OK) {
    throw_store_error(m_db, rc, "cannot read the records");
  }
}

UniqueRecordReader::~UniqueRecordReader() { sqlite3_finalize(m_st); }

void UniqueRecordReader::read(std::vector<Record>& batch, std::size_t n)
{
  batch.resize(n);
  std::size_t count = 0;
  auto text = [this](int col, std::string& out) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_st, col));
    out.assign(p ? p : "", p ? static_cast<std::size_t>(sqlite3_column_bytes(m_st, col)) : 0);
  };
  while (count < n && !m_done) {
    int rc = sqlite3_step(m_st);
    if (rc == SQLITE_DONE) {
      m_done = true; // never step it again: SQLite would start the query over
      break;
    }
    if (rc != SQLITE_ROW) {
      throw_store_error(m_db, rc, "cannot read the records");
    }
    Record& r = batch[count++];
    r.id = sqlite3_column_int64(m_st, 0);
    text(1, r.source);
    text(2, r.source_id);
    text(3, r.doi);
    text(4, r.pmid);
    text(5, r.title);
    text(6, r.abstract);
    r.year =
      sqlite3_column_type(m_st, 7) == SQLITE_NULL ? std::nullopt : std::optional<int>(sqlite3_column_int(m_st, 7));
    text(8, r.date);
    text(9, r.journal);
    text(10, r.journal_abbrev);
    text(11, r.issn);
    text(12, r.language);
    text(13, r.type);
  }
  batch.resize(count);
}

BulkWrite::BulkWrite(Store& store) : m_store(store)
{
  m_store.exec("PRAGMA foreign_keys=OFF");
  m_store.exec("PRAGMA cache_size=-65536");
}

BulkWrite::~BulkWrite()
{
  try {
    m_store.exec("PRAGMA cache_size=-2000");
    m_store.exec("PRAGMA foreign_keys=ON");
  } catch (...) {
  }
}

namespace {
Store& cleared(Store& store)
{
  for (const char* table : {"screening", "screen_rules", "screen_rule_results", "screen_decisions", "screen_languages",
                            "screen_extraction", "screen_conflicts", "screen_agreement", "screen_meta"}) {
    store.exec(fmt::format("DELETE FROM {}", table));
  }
  return store;
}
} // namespace

ScreenResultWriter::ScreenResultWriter(Store& store)
  : m_store(cleared(store)),
    m_outcome(store.prepare("INSERT INTO screening(record_id, stage, decision, reason, flags) VALUES (?, ?, ?, ?, ?)")),
    m_rule_result(
      store.prepare("INSERT INTO screen_rule_results(record_id, rule, result, missing) VALUES (?, ?, ?, ?)")),
    m_language(
      store.prepare("INSERT INTO screen_languages(record_id, language, confidence, reliable) VALUES (?, ?, ?, ?)")),
    m_decision(store.prepare("INSERT INTO screen_decisions(record_id, stage, decision, reason, reviewer, "
                             "file, line, record_ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")),
    m_extraction(store.prepare("INSERT INTO screen_extraction(record_id, column_name, value, file, line) "
                               "VALUES (?, ?, ?, ?, ?)"))
{
}

ScreenResultWriter::~ScreenResultWriter() = default;

void ScreenResultWriter::rule(std::int64_t index, int line, std::string_view stage, std::string_view action,
                              std::string_view reason, std::string_view condition)
{
  auto st = m_store.prepare("INSERT INTO screen_rules(rule, line, stage, action, reason, condition) "
                            "VALUES (?, ?, ?, ?, ?, ?)");
  st.bind(1, index).bind(2, line).bind(3, stage).bind(4, action).bind(5, reason).bind(6, condition).run();
}

void ScreenResultWriter::outcome(std::int64_t record_id, std::string_view stage, std::string_view decision,
                                 std::string_view reason, std::string_view flags)
{
  m_outcome.reset();
  m_outcome.bind(1, record_id).bind(2, stage).bind(3, decision).bind(4, reason).bind(5, flags).run();
}

void ScreenResultWriter::rule_result(std::int64_t record_id, std::int64_t rule, bool applied, std::string_view missing)
{
  m_rule_result.reset();
  m_rule_result.bind(1, record_id)
    .bind(2, rule)
    .bind(3, std::string_view(applied ? "applied" : "undecided"))
    .bind(4, missing)
    .run();
}

void ScreenResultWriter::language(std::int64_t record_id, std::string_view language, double confidence, bool reliable)
{
  m_language.reset();
  m_language.bind(1, record_id).bind(2, language).bind(3, confidence).bind(4, reliable ? 1 : 0).run();
}

void ScreenResultWriter::decision(std::int64_t record_id, std::string_view stage, std::string_view decision,
                                  std::string_view reason, std::string_view reviewer, std::string_view file,
                                  std::int64_t line, std::string_view record_ref)
{
  auto& d = m_decision;
  d.reset();
  d.bind(1, record_id).bind(2, stage).bind(3, decision).bind(4, reason).bind(5, reviewer);
  d.bind(6, file).bind(7, line).bind(8, record_ref).run();
}

void ScreenResultWriter::extraction(std::int64_t record_id, std::string_view column, std::string_view value,
                                    std::string_view file, std::int64_t line)
{
  auto& e = m_extraction;
  e.reset();
  e.bind(1, record_id).bind(2, column).bind(3, value).bind(4, file).bind(5, line).run();
}

void ScreenResultWriter::conflict(std::int64_t record_id, std::string_view stage, std::string_view decisions)
{
  auto k = m_store.prepare("INSERT INTO screen_conflicts(record_id, stage, decisions) VALUES (?, ?, ?)");
  k.bind(1, record_id).bind(2, stage).bind(3, decisions).run();
}

void ScreenResultWriter::agreement(std::string_view stage, std::string_view reviewer_a, std::string_view reviewer_b,
                                   std::int64_t records, double observed, double expected, std::optional<double> kappa,
                                   std::int64_t conflicts)
{
  auto a = m_store.prepare("INSERT INTO screen_agreement(stage, reviewer_a, reviewer_b, records, observed, "
                           "expected, kappa, conflicts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  a.bind(1, stage).bind(2, reviewer_a).bind(3, reviewer_b);
  a.bind(4, records).bind(5, observed).bind(6, expected);
  if (kappa) {
    a.bind(7, *kappa);
  } else {
    a.bind_null(7);
  }
  a.bind(8, conflicts).run();
}

void ScreenResultWriter::meta(std::string_view key, std::string_view value)
{
  auto m = m_store.prepare("INSERT INTO screen_meta(key, value) VALUES (?, ?)");
  m.bind(1, key).bind(2, value).run();
}

bool screen_ran(Store& store)
{
  migrate_screen(store);
  auto st = store.prepare("SELECT COUNT(*) FROM screen_meta WHERE key = 'run_at'");
  return st.step() && st.column_int(0) > 0;
}

std::string screen_meta_value(Store& store, std::string_view key)
{
  auto st = store.prepare("SELECT value FROM screen_meta WHERE key = ?");
  st.bind(1, key);
  return st.step() ? st.column_text(0) : std::string();
}

std::vector<StoredDecisionRow> screen_decision_rows(Store& store)
{
  std::vector<StoredDecisionRow> out;
  auto st =
    store.prepare("SELECT record_id, stage, decision, reason, reviewer, file FROM screen_decisions ORDER BY rowid");
  while (st.step()) {
    out.push_back({st.column_int(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4),
                   st.column_text(5)});
  }
  return out;
}

void add_screen_stop(Store& store, ScreenStop& stop)
{
  migrate_screen(store);
  auto st = store.prepare("INSERT INTO screen_stops(stage, reviewer, target, confidence, p_value, screened, relevant, "
                          "unscreened, file, run_at, tool_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, stop.stage).bind(2, stop.reviewer).bind(3, stop.target).bind(4, stop.confidence).bind(5, stop.p_value);
  st.bind(6, stop.screened).bind(7, stop.relevant).bind(8, stop.unscreened).bind(9, stop.file);
  st.bind(10, stop.run_at).bind(11, stop.tool_version).run();
  auto id = store.prepare("SELECT last_insert_rowid()");
  stop.id = id.step() ? id.column_int(0) : 0;
}

std::vector<ScreenStop> screen_stops(Store& store)
{
  migrate_screen(store);
  std::vector<ScreenStop> out;
  auto st = store.prepare("SELECT id, stage, reviewer, target, confidence, p_value, screened, relevant, unscreened, "
                          "file, run_at, tool_version FROM screen_stops ORDER BY id");
  while (st.step()) {
    ScreenStop s;
    s.id = st.column_int(0);
    s.stage = st.column_text(1);
    s.reviewer = st.column_text(2);
    s.target = st.column_double(3);
    s.confidence = st.column_double(4);
    s.p_value = st.column_double(5);
    s.screened = st.column_int(6);
    s.relevant = st.column_int(7);
    s.unscreened = st.column_int(8);
    s.file = st.column_text(9);
    s.run_at = st.column_text(10);
    s.tool_version = st.column_text(11);
    out.push_back(std::move(s));
  }
  return out;
}

std::string screen_stages(Store& store)
{
  auto st = store.prepare("SELECT value FROM screen_meta WHERE key = 'stages'");
  return st.step() ? st.column_text(0) : std::string();
}

namespace {
std::vector<std::int64_t> ids(Statement& st)
{
  std::vector<std::int64_t> out;
  while (st.step()) {
    out.push_back(st.column_int(0));
  }
  return out;
}
} // namespace

std::vector<std::int64_t> records_pending_at(Store& store, std::string_view stage)
{
  auto st =
    store.prepare("SELECT record_id FROM screening WHERE decision = 'pending' AND stage = ? ORDER BY record_id");
  st.bind(1, stage);
  return ids(st);
}

std::vector<std::int64_t> records_included(Store& store)
{
  auto st = store.prepare("SELECT record_id FROM screening WHERE decision = 'include' ORDER BY record_id");
  return ids(st);
}

std::vector<StoredConflictRow> screen_conflicts(Store& store)
{
  migrate_screen(store);
  std::vector<StoredConflictRow> out;
  auto st = store.prepare("SELECT record_id, stage, decisions FROM screen_conflicts ORDER BY record_id");
  while (st.step()) {
    out.push_back({st.column_int(0), st.column_text(1), st.column_text(2)});
  }
  return out;
}

std::vector<StoredAgreementRow> screen_agreement(Store& store)
{
  migrate_screen(store);
  std::vector<StoredAgreementRow> out;
  auto st = store.prepare("SELECT stage, reviewer_a, reviewer_b, records, observed, expected, kappa, conflicts "
                          "FROM screen_agreement ORDER BY rowid");
  while (st.step()) {
    StoredAgreementRow a;
    a.stage = st.column_text(0);
    a.reviewer_a = st.column_text(1);
    a.reviewer_b = st.column_text(2);
    a.records = st.column_int(3);
    a.observed = st.column_double(4);
    a.expected = st.column_double(5);
    if (!st.column_is_null(6)) {
      a.kappa = st.column_double(6);
    }
    a.conflicts = st.column_int(7);
    out.push_back(std::move(a));
  }
  return out;
}

} // namespace synth::store
