#include "synth/store/store.hpp"

#include "synth/core/error.hpp"
#include "synth/store/record_codec.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <chrono>
#include <ctime>

namespace synth::store {

namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view what)
{
  throw Error(fmt::format("store: {}: {}", what, db ? sqlite3_errmsg(db) : "out of memory"));
}

// Core schema, migration i brings "core" to version i+1. Never edit a shipped migration:
// append a new one.
const std::vector<std::string> k_core_migrations = {
  R"sql(
CREATE TABLE searches (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('search', 'import')),
  database TEXT NOT NULL,
  query_file TEXT NOT NULL DEFAULT '',
  query_text TEXT NOT NULL DEFAULT '',
  query_sent TEXT NOT NULL DEFAULT '',
  file TEXT NOT NULL DEFAULT '',
  file_hash TEXT NOT NULL DEFAULT '',
  format TEXT NOT NULL DEFAULT '',
  run_at TEXT NOT NULL,
  hits_reported INTEGER,
  records_retrieved INTEGER NOT NULL DEFAULT 0,
  records_matched INTEGER,
  records_new INTEGER NOT NULL DEFAULT 0,
  tool_version TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT ''
);
CREATE INDEX searches_hash ON searches(file_hash);
CREATE TABLE records (
  id INTEGER PRIMARY KEY,
  search_id INTEGER NOT NULL REFERENCES searches(id),
  source TEXT NOT NULL,
  source_id TEXT NOT NULL,
  doi TEXT NOT NULL DEFAULT '',
  pmid TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  abstract TEXT NOT NULL DEFAULT '',
  authors TEXT NOT NULL DEFAULT '',
  year INTEGER,
  date TEXT NOT NULL DEFAULT '',
  journal TEXT NOT NULL DEFAULT '',
  journal_abbrev TEXT NOT NULL DEFAULT '',
  issn TEXT NOT NULL DEFAULT '',
  volume TEXT NOT NULL DEFAULT '',
  issue TEXT NOT NULL DEFAULT '',
  pages TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT '',
  publication_types TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL DEFAULT '',
  keywords TEXT NOT NULL DEFAULT '',
  mesh TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  raw TEXT NOT NULL DEFAULT '',
  file TEXT NOT NULL DEFAULT '',
  line INTEGER NOT NULL DEFAULT 0,
  record_index INTEGER NOT NULL DEFAULT 0,
  UNIQUE (source, source_id)
);
CREATE INDEX records_doi ON records(doi) WHERE doi != '';
CREATE INDEX records_pmid ON records(pmid) WHERE pmid != '';
CREATE TABLE clusters (
  record_id INTEGER PRIMARY KEY REFERENCES records(id),
  cluster_id INTEGER NOT NULL,
  kept INTEGER NOT NULL DEFAULT 0,
  evidence TEXT NOT NULL DEFAULT ''
);
CREATE INDEX clusters_cluster ON clusters(cluster_id);
CREATE TABLE screening (
  record_id INTEGER PRIMARY KEY REFERENCES records(id),
  stage TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('include', 'exclude', 'pending')),
  reason TEXT NOT NULL DEFAULT '',
  flags TEXT NOT NULL DEFAULT ''
);
)sql",
};

} // namespace

// --- Statement ----------------------------------------------------------------------------

Statement::Statement(sqlite3* db, std::string_view sql) : m_db(db)
{
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr) != SQLITE_OK) {
    fail(db, fmt::format("cannot prepare '{}'", sql.substr(0, 60)));
  }
}

Statement::~Statement()
{
  sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& other) noexcept : m_db(other.m_db), m_stmt(other.m_stmt)
{
  other.m_stmt = nullptr;
}

Statement& Statement::bind(int index, std::int64_t value)
{
  sqlite3_bind_int64(m_stmt, index, value);
  return *this;
}

Statement& Statement::bind(int index, double value)
{
  sqlite3_bind_double(m_stmt, index, value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view value)
{
  sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind_null(int index)
{
  sqlite3_bind_null(m_stmt, index);
  return *this;
}

Statement& Statement::bind_optional(int index, const std::optional<int>& value)
{
  return value ? bind(index, static_cast<std::int64_t>(*value)) : bind_null(index);
}

Statement& Statement::bind_text_or_null(int index, std::string_view value)
{
  return value.empty() ? bind_null(index) : bind(index, value);
}

bool Statement::step()
{
  int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  std::string message = sqlite3_errmsg(m_db);
  sqlite3_reset(m_stmt);
  throw Error(fmt::format("store: {}", message));
}

void Statement::run()
{
  while (step()) {
  }
}

void Statement::reset()
{
  sqlite3_reset(m_stmt);
  sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::column_int(int index) const
{
  return sqlite3_column_int64(m_stmt, index);
}

double Statement::column_double(int index) const
{
  return sqlite3_column_double(m_stmt, index);
}

std::string Statement::column_text(int index) const
{
  const auto* text = sqlite3_column_text(m_stmt, index);
  if (!text) {
    return {};
  }
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, index)));
}

bool Statement::column_is_null(int index) const
{
  return sqlite3_column_type(m_stmt, index) == SQLITE_NULL;
}

// --- Store --------------------------------------------------------------------------------

Store::Store(const std::filesystem::path& path, Mode mode) : m_path(path)
{
  if (mode == Mode::open_existing && !std::filesystem::exists(path)) {
    throw Error(fmt::format("{}: no such store", path.string()));
  }
  int flags = SQLITE_OPEN_READWRITE | (mode == Mode::create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
    std::string message = m_db ? sqlite3_errmsg(m_db) : "out of memory";
    sqlite3_close(m_db);
    m_db = nullptr;
    throw Error(fmt::format("{}: cannot open store: {}", path.string(), message));
  }
  sqlite3_busy_timeout(m_db, 10000);
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=NORMAL");
  exec("PRAGMA foreign_keys=ON");
  exec("CREATE TABLE IF NOT EXISTS schema_versions (module TEXT PRIMARY KEY, version INTEGER NOT NULL)");
  migrate("core", k_core_migrations);
}

Store::~Store()
{
  m_insert_record.reset();
  m_find_record.reset();
  sqlite3_close(m_db);
}

void Store::exec(std::string_view sql)
{
  char* message = nullptr;
  std::string text(sql);
  if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string what = message ? message : "error";
    sqlite3_free(message);
    throw Error(fmt::format("store: {}", what));
  }
}

int Store::schema_version(std::string_view module)
{
  auto st = prepare("SELECT version FROM schema_versions WHERE module = ?");
  st.bind(1, module);
  return st.step() ? static_cast<int>(st.column_int(0)) : 0;
}

void Store::migrate(std::string_view module, const std::vector<std::string>& migrations)
{
  int version = schema_version(module);
  if (version > static_cast<int>(migrations.size())) {
    throw Error(fmt::format("{}: schema '{}' version {} is newer than this synth ({}); upgrade synth",
                            m_path.string(), module, version, migrations.size()));
  }
  if (version == static_cast<int>(migrations.size())) {
    return;
  }
  // Migrations run in their own savepoint so that they nest inside a command's transaction.
  exec("SAVEPOINT migrate");
  try {
    for (auto i = static_cast<std::size_t>(version); i < migrations.size(); ++i) {
      exec(migrations[i]);
    }
    auto st = prepare("INSERT INTO schema_versions(module, version) VALUES (?, ?) "
                      "ON CONFLICT(module) DO UPDATE SET version = excluded.version");
    st.bind(1, module).bind(2, static_cast<std::int64_t>(migrations.size())).run();
    exec("RELEASE migrate");
  } catch (...) {
    exec("ROLLBACK TO migrate");
    exec("RELEASE migrate");
    throw;
  }
}

Store::Transaction::Transaction(Store& store) : m_store(store)
{
  m_store.exec("BEGIN IMMEDIATE");
}

Store::Transaction::~Transaction()
{
  if (!m_done) {
    sqlite3_exec(m_store.m_db, "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void Store::Transaction::commit()
{
  m_store.exec("COMMIT");
  m_done = true;
}

// --- searches -----------------------------------------------------------------------------

namespace {
constexpr const char* k_search_columns =
  "id, kind, database, query_file, query_text, query_sent, file, file_hash, format, run_at, "
  "hits_reported, records_retrieved, records_matched, records_new, tool_version, details";

SearchRun read_search(const Statement& st)
{
  SearchRun s;
  s.id = st.column_int(0);
  s.kind = st.column_text(1);
  s.database = st.column_text(2);
  s.query_file = st.column_text(3);
  s.query_text = st.column_text(4);
  s.query_sent = st.column_text(5);
  s.file = st.column_text(6);
  s.file_hash = st.column_text(7);
  s.format = st.column_text(8);
  s.run_at = st.column_text(9);
  if (!st.column_is_null(10)) {
    s.hits_reported = st.column_int(10);
  }
  s.records_retrieved = st.column_int(11);
  if (!st.column_is_null(12)) {
    s.records_matched = st.column_int(12);
  }
  s.records_new = st.column_int(13);
  s.tool_version = st.column_text(14);
  s.details = st.column_text(15);
  return s;
}

void bind_search(Statement& st, const SearchRun& run)
{
  st.bind(1, run.kind).bind(2, run.database).bind(3, run.query_file).bind(4, run.query_text);
  st.bind(5, run.query_sent).bind(6, run.file).bind(7, run.file_hash).bind(8, run.format);
  st.bind(9, run.run_at.empty() ? now_utc() : run.run_at);
  run.hits_reported ? st.bind(10, *run.hits_reported) : st.bind_null(10);
  st.bind(11, run.records_retrieved);
  run.records_matched ? st.bind(12, *run.records_matched) : st.bind_null(12);
  st.bind(13, run.records_new).bind(14, run.tool_version.empty() ? std::string(SYNTH_VERSION) : run.tool_version);
  st.bind(15, run.details);
}
} // namespace

std::int64_t Store::add_search(SearchRun& run)
{
  if (run.run_at.empty()) {
    run.run_at = now_utc();
  }
  if (run.tool_version.empty()) {
    run.tool_version = SYNTH_VERSION;
  }
  auto st = prepare(
    "INSERT INTO searches(kind, database, query_file, query_text, query_sent, file, file_hash, "
    "format, run_at, hits_reported, records_retrieved, records_matched, records_new, tool_version, "
    "details) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  bind_search(st, run);
  st.run();
  run.id = sqlite3_last_insert_rowid(m_db);
  return run.id;
}

void Store::update_search(const SearchRun& run)
{
  auto st = prepare(
    "UPDATE searches SET kind=?, database=?, query_file=?, query_text=?, query_sent=?, file=?, "
    "file_hash=?, format=?, run_at=?, hits_reported=?, records_retrieved=?, records_matched=?, "
    "records_new=?, tool_version=?, details=? WHERE id=?");
  bind_search(st, run);
  st.bind(16, run.id).run();
}

std::vector<SearchRun> Store::searches()
{
  auto st = prepare(fmt::format("SELECT {} FROM searches ORDER BY id", k_search_columns));
  std::vector<SearchRun> out;
  while (st.step()) {
    out.push_back(read_search(st));
  }
  return out;
}

std::optional<SearchRun> Store::find_import_by_hash(std::string_view file_hash, std::string_view database)
{
  auto st = prepare(fmt::format(
    "SELECT {} FROM searches WHERE kind = 'import' AND file_hash = ? AND database = ? ORDER BY id LIMIT 1",
    k_search_columns));
  st.bind(1, file_hash).bind(2, database);
  if (st.step()) {
    return read_search(st);
  }
  return std::nullopt;
}

// --- records ------------------------------------------------------------------------------

std::optional<std::int64_t> Store::insert_record(Record& r, std::int64_t search_id)
{
  if (!m_insert_record) {
    m_insert_record = std::make_unique<Statement>(
      m_db,
      "INSERT INTO records(search_id, source, source_id, doi, pmid, title, abstract, authors, year, "
      "date, journal, journal_abbrev, issn, volume, issue, pages, language, publication_types, type, "
      "keywords, mesh, url, raw, file, line, record_index) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
      "ON CONFLICT(source, source_id) DO NOTHING");
    m_find_record = std::make_unique<Statement>(
      m_db, "SELECT id FROM records WHERE source = ? AND source_id = ?");
  }
  auto& st = *m_insert_record;
  st.reset();
  st.bind(1, search_id).bind(2, r.source).bind(3, r.source_id).bind(4, r.doi).bind(5, r.pmid);
  st.bind(6, r.title).bind(7, r.abstract).bind(8, encode_authors(r.authors));
  st.bind_optional(9, r.year).bind(10, r.date).bind(11, r.journal).bind(12, r.journal_abbrev);
  st.bind(13, r.issn).bind(14, r.volume).bind(15, r.issue).bind(16, r.pages).bind(17, r.language);
  st.bind(18, encode_list(r.publication_types)).bind(19, r.type).bind(20, encode_list(r.keywords));
  st.bind(21, encode_list(r.mesh)).bind(22, r.url).bind(23, r.raw).bind(24, r.provenance.file);
  st.bind(25, r.provenance.line).bind(26, r.provenance.index);
  st.run();
  if (sqlite3_changes(m_db) == 1) {
    r.id = sqlite3_last_insert_rowid(m_db);
    return r.id;
  }
  auto& find = *m_find_record;
  find.reset();
  find.bind(1, r.source).bind(2, r.source_id);
  if (find.step()) {
    r.id = find.column_int(0);
  }
  find.reset();
  return std::nullopt;
}

namespace {
constexpr const char* k_record_columns =
  "id, source, source_id, doi, pmid, title, abstract, authors, year, date, journal, "
  "journal_abbrev, issn, volume, issue, pages, language, publication_types, type, keywords, mesh, "
  "url, raw, file, line, record_index";

Record read_record(const Statement& st)
{
  Record r;
  r.id = st.column_int(0);
  r.source = st.column_text(1);
  r.source_id = st.column_text(2);
  r.doi = st.column_text(3);
  r.pmid = st.column_text(4);
  r.title = st.column_text(5);
  r.abstract = st.column_text(6);
  r.authors = decode_authors(st.column_text(7));
  if (!st.column_is_null(8)) {
    r.year = static_cast<int>(st.column_int(8));
  }
  r.date = st.column_text(9);
  r.journal = st.column_text(10);
  r.journal_abbrev = st.column_text(11);
  r.issn = st.column_text(12);
  r.volume = st.column_text(13);
  r.issue = st.column_text(14);
  r.pages = st.column_text(15);
  r.language = st.column_text(16);
  r.publication_types = decode_list(st.column_text(17));
  r.type = st.column_text(18);
  r.keywords = decode_list(st.column_text(19));
  r.mesh = decode_list(st.column_text(20));
  r.url = st.column_text(21);
  r.raw = st.column_text(22);
  r.provenance.file = st.column_text(23);
  r.provenance.line = st.column_int(24);
  r.provenance.index = st.column_int(25);
  return r;
}
} // namespace

void Store::for_each_record(const std::function<bool(const Record&)>& fn)
{
  auto st = prepare(fmt::format("SELECT {} FROM records ORDER BY id", k_record_columns));
  while (st.step()) {
    if (!fn(read_record(st))) {
      break;
    }
  }
}

std::vector<Record> Store::records()
{
  std::vector<Record> out;
  for_each_record([&](const Record& r) {
    out.push_back(r);
    return true;
  });
  return out;
}

std::optional<Record> Store::record(std::int64_t id)
{
  auto st = prepare(fmt::format("SELECT {} FROM records WHERE id = ?", k_record_columns));
  st.bind(1, id);
  if (st.step()) {
    return read_record(st);
  }
  return std::nullopt;
}

StoreCounts Store::counts()
{
  StoreCounts c;
  {
    auto st = prepare("SELECT COUNT(*) FROM records");
    st.step();
    c.records = st.column_int(0);
  }
  {
    auto st = prepare("SELECT kind, COUNT(*) FROM searches GROUP BY kind");
    while (st.step()) {
      (st.column_text(0) == "search" ? c.searches : c.imports) = st.column_int(1);
    }
  }
  {
    auto st = prepare("SELECT source, COUNT(*) FROM records GROUP BY source ORDER BY source");
    while (st.step()) {
      c.per_source.emplace_back(st.column_text(0), st.column_int(1));
    }
  }
  return c;
}

std::string now_utc()
{
  auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

} // namespace synth::store
