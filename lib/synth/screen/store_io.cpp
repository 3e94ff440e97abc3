#include "synth/screen/store_io.hpp"

#include "synth/core/error.hpp"
#include "synth/screen/screen.hpp"
#include "synth/store/store.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace synth::screen {

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
};

} // namespace

void ensure_schema(store::Store& store)
{
  store.migrate("screen", k_migrations);
}

RecordIndex load_record_index(store::Store& store)
{
  RecordIndex index;
  // The record each clustered record's cluster keeps (kept = 1), whatever the cluster id.
  std::unordered_map<std::int64_t, std::int64_t> kept;
  {
    auto st = store.prepare("SELECT c.record_id, k.record_id FROM clusters c "
                            "JOIN clusters k ON k.cluster_id = c.cluster_id AND k.kept = 1");
    while (st.step()) {
      kept[st.column_int(0)] = st.column_int(1);
    }
  }
  {
    auto st = store.prepare("SELECT COUNT(*) FROM records");
    index.reserve(st.step() ? static_cast<std::size_t>(st.column_int(0)) : 0);
  }
  // Each identifier comes from the store's index on it (a covering index scan): a table
  // scan would read every title and abstract, gigabytes for a million records.
  {
    auto st = store.prepare("SELECT id, source, source_id FROM records");
    while (st.step()) {
      std::int64_t id = st.column_int(0);
      auto it = kept.find(id);
      index.add_record(id, it == kept.end() ? id : it->second);
      index.add_source_id(id, st.column_text(1), st.column_text(2));
    }
  }
  {
    auto st = store.prepare("SELECT id, pmid FROM records WHERE pmid != ''");
    while (st.step()) {
      index.add_pmid(st.column_int(0), st.column_text(1));
    }
  }
  {
    auto st = store.prepare("SELECT id, doi FROM records WHERE doi != ''");
    while (st.step()) {
      index.add_doi(st.column_int(0), st.column_text(1));
    }
  }
  return index;
}

// The raw SQLite API here: each text column is copied into the batch's existing strings
// (assign reuses their buffers), where Statement::column_text would allocate a new string
// per column per record (14 million allocations for a million records).
UniqueRecordReader::UniqueRecordReader(store::Store& store)
  : m_db(store.handle())
{
  const char* sql = "SELECT r.id, r.source, r.source_id, r.doi, r.pmid, r.title, r.abstract, r.year, r.date, "
                    "r.journal, r.journal_abbrev, r.issn, r.language, r.type FROM records r "
                    "LEFT JOIN clusters c ON c.record_id = r.id WHERE c.record_id IS NULL OR c.kept = 1 ORDER BY r.id";
  if (int rc = sqlite3_prepare_v2(m_db, sql, -1, &m_st, nullptr); rc != SQLITE_OK) {
    store::throw_store_error(m_db, rc, "cannot read the records");
  }
}

UniqueRecordReader::~UniqueRecordReader()
{
  sqlite3_finalize(m_st);
}

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
      store::throw_store_error(m_db, rc, "cannot read the records");
    }
    Record& r = batch[count++];
    r.id = sqlite3_column_int64(m_st, 0);
    text(1, r.source);
    text(2, r.source_id);
    text(3, r.doi);
    text(4, r.pmid);
    text(5, r.title);
    text(6, r.abstract);
    r.year = sqlite3_column_type(m_st, 7) == SQLITE_NULL ? std::nullopt
                                                         : std::optional<int>(sqlite3_column_int(m_st, 7));
    text(8, r.date);
    text(9, r.journal);
    text(10, r.journal_abbrev);
    text(11, r.issn);
    text(12, r.language);
    text(13, r.type);
  }
  batch.resize(count);
}

ResultWriter::ResultWriter(store::Store& store, const Criteria& criteria)
  : m_store(store), m_criteria(criteria)
{
  for (const char* table : {"screening", "screen_rules", "screen_rule_results", "screen_decisions", "screen_languages",
                            "screen_extraction", "screen_conflicts", "screen_agreement", "screen_meta"}) {
    store.exec(fmt::format("DELETE FROM {}", table));
  }
  m_screening = std::make_unique<store::Statement>(store.prepare(
    "INSERT INTO screening(record_id, stage, decision, reason, flags) VALUES (?, ?, ?, ?, ?)"));
  auto rules = store.prepare("INSERT INTO screen_rules(rule, line, stage, action, reason, condition) "
                             "VALUES (?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < criteria.rules.size(); ++i) {
    const Rule& rule = criteria.rules[i];
    rules.reset();
    rules.bind(1, static_cast<std::int64_t>(i))
      .bind(2, rule.line)
      .bind(3, stage_name(rule.stage))
      .bind(4, std::string_view(rule.action == Action::exclude ? "exclude" : "flag"))
      .bind(5, std::string_view(rule.reason))
      .bind(6, std::string_view(rule.text))
      .run();
  }
  m_rule = std::make_unique<store::Statement>(
    store.prepare("INSERT INTO screen_rule_results(record_id, rule, result, missing) VALUES (?, ?, ?, ?)"));
  m_language = std::make_unique<store::Statement>(store.prepare(
    "INSERT INTO screen_languages(record_id, language, confidence, reliable) VALUES (?, ?, ?, ?)"));
}

ResultWriter::~ResultWriter() = default;

void ResultWriter::write(std::int64_t record_id, const Outcome& outcome)
{
  m_screening->reset();
  m_screening->bind(1, record_id)
    .bind(2, stage_name(outcome.stage))
    .bind(3, final_name(outcome.decision))
    .bind(4, std::string_view(outcome.reason))
    .bind(5, std::string_view(util::join(outcome.flags, "; ")))
    .run();
  for (const auto& rr : outcome.rules) {
    m_rule->reset();
    m_rule->bind(1, record_id)
      .bind(2, rr.rule)
      .bind(3, std::string_view(rr.result == Tri::yes ? "applied" : "undecided"))
      .bind(4, std::string_view(rr.missing))
      .run();
  }
  if (outcome.detected && !outcome.detected->language.empty()) {
    m_language->reset();
    m_language->bind(1, record_id)
      .bind(2, std::string_view(outcome.detected->language))
      .bind(3, outcome.detected->confidence)
      .bind(4, outcome.detected->reliable ? 1 : 0)
      .run();
  }
}

void ResultWriter::write_inputs(const std::vector<Decision>& decisions, const Extraction& extraction,
                                const RunResult& result)
{
  auto d = m_store.prepare("INSERT INTO screen_decisions(record_id, stage, decision, reason, reviewer, "
                           "file, line, record_ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  for (const auto& x : decisions) {
    d.reset();
    d.bind(1, x.record_id).bind(2, stage_name(x.stage)).bind(3, verdict_name(x.verdict));
    d.bind(4, std::string_view(x.reason)).bind(5, std::string_view(x.reviewer));
    d.bind(6, std::string_view(x.file)).bind(7, x.line).bind(8, std::string_view(x.record_ref)).run();
  }
  auto e = m_store.prepare("INSERT INTO screen_extraction(record_id, column_name, value, file, line) "
                           "VALUES (?, ?, ?, ?, ?)");
  for (const auto& c : extraction.cells) {
    e.reset();
    e.bind(1, c.record_id).bind(2, std::string_view(c.column)).bind(3, std::string_view(c.value));
    e.bind(4, std::string_view(c.file)).bind(5, c.line).run();
  }
  auto k = m_store.prepare("INSERT INTO screen_conflicts(record_id, stage, decisions) VALUES (?, ?, ?)");
  for (const auto& c : result.conflicts) {
    std::vector<std::string> parts;
    for (const auto& [who, verdict] : c.decisions) {
      parts.push_back(fmt::format("{} {}", who, verdict_name(verdict)));
    }
    k.reset();
    k.bind(1, c.record_id).bind(2, stage_name(c.stage)).bind(3, std::string_view(util::join(parts, ", "))).run();
  }
  auto a = m_store.prepare("INSERT INTO screen_agreement(stage, reviewer_a, reviewer_b, records, observed, "
                           "expected, kappa, conflicts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  for (const auto& g : result.agreement) {
    a.reset();
    a.bind(1, stage_name(g.stage)).bind(2, std::string_view(g.reviewer_a)).bind(3, std::string_view(g.reviewer_b));
    a.bind(4, g.kappa.items).bind(5, g.kappa.observed).bind(6, g.kappa.expected);
    if (g.kappa.kappa) {
      a.bind(7, *g.kappa.kappa);
    } else {
      a.bind_null(7);
    }
    a.bind(8, g.conflicts).run();
  }
  std::vector<std::string> stages;
  for (Stage s : result.stages) {
    stages.emplace_back(stage_name(s));
  }
  auto m = m_store.prepare("INSERT INTO screen_meta(key, value) VALUES (?, ?)");
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
         {"stages", util::join(stages, ",")}, {"criteria", result.criteria}, {"run_at", store::now_utc()}}) {
    m.reset();
    m.bind(1, std::string_view(key)).bind(2, std::string_view(value)).run();
  }
}

} // namespace synth::screen
