#include "synth/store/store.hpp"

#include "synth/core/error.hpp"
#include "synth/store/record_codec.hpp"
#include "synth/util/wall_clock.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <mutex>

namespace synth::store {

namespace {

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
  // 2: raw text in the raw archive (raw_archive.hpp); older rows keep theirs in `raw`.
  R"sql(
ALTER TABLE records ADD COLUMN raw_offset INTEGER;
ALTER TABLE records ADD COLUMN raw_size INTEGER;
)sql",
};

// SQLite's global memory statistics take a process-wide mutex on every allocation; synth
// reads none of them. Set before SQLite initialises (a later call is refused, harmlessly).
void configure_sqlite_once()
{
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

} // namespace

// --- Store --------------------------------------------------------------------------------

Store::Store(const std::filesystem::path& path, Mode mode) : m_path(path)
{
  if (mode == Mode::open_existing && !std::filesystem::exists(path)) {
    throw Error(fmt::format("{}: no such store", path.string()));
  }
  configure_sqlite_once();
  // NOMUTEX: a Store (one connection) is only ever used by one thread at a time (readers
  // and screening threads never touch it), so SQLite need not lock it on every call.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (mode == Mode::create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
    std::string message = m_db ? sqlite3_errmsg(m_db) : "out of memory";
    sqlite3_close(m_db);
    m_db = nullptr;
    throw Error(fmt::format("{}: cannot open store: {}", path.string(), message));
  }
  try {
    configure();
  } catch (...) {
    // A constructor that throws runs no destructor: close the connection here (a store
    // newer than this synth, a locked or damaged file).
    sqlite3_close(m_db);
    m_db = nullptr;
    throw;
  }
}

void Store::configure()
{
  sqlite3_busy_timeout(m_db, 10000);
  {
    // A new store gets 64 KiB pages: records are large (abstracts), and a bulk import
    // writes a tenth of the pages it writes with the default 4 KiB. Fixed once WAL is on.
    bool empty = false;
    {
      auto st = prepare("PRAGMA page_count");
      empty = st.step() && st.column_int(0) == 0;
    } // finished before the pragma: an open statement keeps it from taking effect
    if (empty) {
      exec("PRAGMA page_size=65536");
    }
  }
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=NORMAL");
  // 16 MiB of page cache (the default is 2 MB, 31 pages of 64 KiB): a large import
  // touches index pages all over, and evicted ones are read back from the WAL. Bounded,
  // so that memory does not grow with the size of what is imported.
  exec("PRAGMA cache_size=-16384");
  exec("PRAGMA foreign_keys=ON");
  exec("CREATE TABLE IF NOT EXISTS schema_versions (module TEXT PRIMARY KEY, version INTEGER NOT NULL)");
  migrate("core", k_core_migrations);
  auto archive = m_path;
  archive.replace_extension(".raw");
  m_archive = std::make_unique<RawArchive>(archive);
}

Store::~Store()
{
  m_insert_record.reset();
  m_find_record.reset();
  m_set_source_id.reset();
  sqlite3_close(m_db);
}

void Store::exec(std::string_view sql)
{
  char* message = nullptr;
  std::string text(sql);
  int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    sqlite3_free(message);
    throw_store_error(m_db, rc, {});
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
    throw Error(fmt::format("{}: schema '{}' version {} is newer than this synth ({}); upgrade synth", m_path.string(),
                            module, version, migrations.size()));
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
  m_mark = m_store.m_archive->mark();
}

Store::Transaction::~Transaction()
{
  if (!m_done) {
    sqlite3_exec(m_store.m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    try {
      m_store.m_archive->rollback(m_mark);
    } catch (const std::exception&) {
      // Bytes left in the archive belong to no row.
    }
  }
}

void Store::Transaction::commit()
{
  m_store.m_archive->sync(); // durable before any row points at it
  m_store.exec("COMMIT");
  m_done = true;
}

Store::Savepoint::Savepoint(Store& store, std::string name) : m_store(store), m_name(std::move(name))
{
  m_store.exec(fmt::format("SAVEPOINT \"{}\"", m_name));
  m_mark = m_store.m_archive->mark();
}

Store::Savepoint::~Savepoint()
{
  if (!m_done) {
    sqlite3_exec(m_store.m_db, fmt::format("ROLLBACK TO \"{0}\"; RELEASE \"{0}\"", m_name).c_str(), nullptr, nullptr,
                 nullptr);
    try {
      m_store.m_archive->rollback(m_mark);
    } catch (const std::exception&) {
      // Bytes left in the archive belong to no row.
    }
  }
}

void Store::Savepoint::rollback()
{
  m_store.exec(fmt::format("ROLLBACK TO \"{}\"", m_name));
  m_store.exec(fmt::format("RELEASE \"{}\"", m_name));
  m_done = true;
  m_store.m_archive->rollback(m_mark);
}

void Store::Savepoint::release()
{
  m_store.exec(fmt::format("RELEASE \"{}\"", m_name));
  m_done = true;
  if (sqlite3_get_autocommit(m_store.m_db) != 0) {
    m_store.m_archive->sync(); // this savepoint was the transaction: it has committed
  }
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
  s.details = details_from_json(st.column_text(15));
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
  st.bind(15, encode_details(run.details));
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
  auto st = prepare("INSERT INTO searches(kind, database, query_file, query_text, query_sent, file, file_hash, "
                    "format, run_at, hits_reported, records_retrieved, records_matched, records_new, tool_version, "
                    "details) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  bind_search(st, run);
  st.run();
  run.id = sqlite3_last_insert_rowid(m_db);
  m_archive->start(run.id); // an id a killed run had used: its bytes are cut off
  return run.id;
}

void Store::update_search(const SearchRun& run)
{
  auto st = prepare("UPDATE searches SET kind=?, database=?, query_file=?, query_text=?, query_sent=?, file=?, "
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
  auto st = prepare(
    fmt::format("SELECT {} FROM searches WHERE kind = 'import' AND file_hash = ? AND database = ? ORDER BY id LIMIT 1",
                k_search_columns));
  st.bind(1, file_hash).bind(2, database);
  if (st.step()) {
    return read_search(st);
  }
  return std::nullopt;
}

// --- records ------------------------------------------------------------------------------

Store::EncodedLists Store::encode_lists(const Record& r)
{
  return {encode_authors(r.authors), encode_list(r.publication_types), encode_list(r.keywords), encode_list(r.mesh)};
}

void Store::set_source_id(std::int64_t id, std::string_view source_id)
{
  if (!m_set_source_id) {
    m_set_source_id = std::make_unique<Statement>(m_db, "UPDATE records SET source_id = ? WHERE id = ?");
  }
  m_set_source_id->reset();
  m_set_source_id->bind(1, source_id).bind(2, id).run();
}

std::optional<std::int64_t> Store::insert_record(Record& r, std::int64_t search_id)
{
  std::string raw = r.raw; // the caller keeps its record whole
  auto id = insert_record(r, search_id, encode_lists(r));
  r.raw = std::move(raw);
  return id;
}

std::optional<std::int64_t> Store::insert_record(Record& r, std::int64_t search_id, const EncodedLists& lists)
{
  if (!m_insert_record) {
    m_insert_record = std::make_unique<Statement>(
      m_db, "INSERT INTO records(search_id, source, source_id, doi, pmid, title, abstract, authors, year, "
            "date, journal, journal_abbrev, issn, volume, issue, pages, language, publication_types, type, "
            "keywords, mesh, url, raw, file, line, record_index, raw_offset, raw_size) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(source, source_id) DO NOTHING");
    m_find_record = std::make_unique<Statement>(m_db, "SELECT id FROM records WHERE source = ? AND source_id = ?");
  }
  auto& st = *m_insert_record;
  st.reset();
  // Bound without copies: the record and these encodings outlive st.run() below.
  const std::string& authors = lists.authors;
  const std::string& types = lists.publication_types;
  const std::string& keywords = lists.keywords;
  const std::string& mesh = lists.mesh;
  st.bind(1, search_id).bind_static(2, r.source).bind_static(3, r.source_id).bind_static(4, r.doi);
  st.bind_static(5, r.pmid).bind_static(6, r.title).bind_static(7, r.abstract).bind_static(8, authors);
  st.bind_optional(9, r.year).bind_static(10, r.date).bind_static(11, r.journal);
  st.bind_static(12, r.journal_abbrev).bind_static(13, r.issn).bind_static(14, r.volume);
  st.bind_static(15, r.issue).bind_static(16, r.pages).bind_static(17, r.language).bind_static(18, types);
  st.bind_static(19, r.type).bind_static(20, keywords).bind_static(21, mesh).bind_static(22, r.url);
  st.bind_static(23, std::string_view()).bind_static(24, r.provenance.file);
  st.bind(25, r.provenance.line).bind(26, r.provenance.index);
  // The raw text goes to the archive, at its end, once the row is known to be new.
  const std::int64_t raw_offset = r.raw.empty() ? 0 : m_archive->end(search_id);
  if (r.raw.empty()) {
    st.bind_null(27).bind_null(28);
  } else {
    st.bind(27, raw_offset).bind(28, static_cast<std::int64_t>(r.raw.size()));
  }
  st.run();
  if (sqlite3_changes(m_db) == 1) {
    r.id = sqlite3_last_insert_rowid(m_db);
    if (!r.raw.empty()) {
      m_archive->append(search_id, std::move(r.raw));
      r.raw.clear();
      if (sqlite3_get_autocommit(m_db)) {
        m_archive->flush(); // no transaction: the row is committed already
      }
    }
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
  "url, raw, file, line, record_index, search_id, raw_offset, raw_size";

Record read_record(const Statement& st, RawArchive& archive)
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
  if (!st.column_is_null(27)) {
    r.raw = archive.read(st.column_int(26), st.column_int(27), st.column_int(28));
  }
  return r;
}
} // namespace

void Store::for_each_record(const std::function<bool(const Record&)>& fn)
{
  auto st = prepare(fmt::format("SELECT {} FROM records ORDER BY id", k_record_columns));
  while (st.step()) {
    if (!fn(read_record(st, *m_archive))) {
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
    return read_record(st, *m_archive);
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

std::string now_utc() { return util::utc_timestamp(); }

} // namespace synth::store
