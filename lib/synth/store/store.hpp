#pragma once
// The review's store: one SQLite file (synth.db) in WAL mode. All writes of a command go
// through one Transaction; a command that fails leaves the store as it was.
//
// Core tables (schema module "core"):
//   searches  one row per search run or import: kind ('search'|'import'), database, query
//             file and verbatim text, query sent, file + hash, format, run_at (UTC ISO 8601),
//             hits_reported, records_retrieved, records_matched, records_new, tool_version
//   records   one row per record as received (see Record), UNIQUE(source, source_id);
//             its raw text is in the raw archive beside the store (raw_archive.hpp:
//             synth.raw/<search id>.txt at raw_offset, raw_size), or in the raw column
//             for rows written before schema version 2
//   clusters  record_id -> cluster_id (the synth id of the kept record), kept (0/1),
//             evidence (text: how the record matched its cluster). Written by dedup.
//   screening record_id -> final screening outcome: stage (where it was excluded, where it
//             waits when pending, full-text when included), decision (include|exclude|pending),
//             reason, flags ("; "-separated). Written by screen.
// Other modules keep their own tables and migrate them with Store::migrate().
#include "synth/core/record.hpp"
#include "synth/store/raw_archive.hpp"
#include "synth/store/search_details.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace synth::store {

// Throws the synth::Error of a failed SQLite call: "STORE: WHAT: SQLite's message", naming the
// store's file, with a hint when another process holds the lock (SQLITE_BUSY, SQLITE_LOCKED).
// `message` replaces sqlite3_errmsg when the caller captured it before a reset.
[[noreturn]] void throw_store_error(sqlite3* db, int rc, std::string_view what, std::string_view message = {});

// A prepared statement. Bind indexes are 1-based, column indexes 0-based.
class Statement
{
public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value); // empty binds '' (not NULL)
  // Binds without copying: `value` must stay alive until the statement has run or is reset.
  Statement& bind_static(int index, std::string_view value);
  Statement& bind_null(int index);
  Statement& bind_optional(int index, const std::optional<int>& value);
  Statement& bind_text_or_null(int index, std::string_view value); // empty binds NULL

  // Steps once: true when a row is available, false when done. Throws on error.
  bool step();
  // Steps to completion (for INSERT/UPDATE/DELETE).
  void run();
  void reset(); // reset and clear bindings

  std::int64_t column_int(int index) const;
  double column_double(int index) const;
  std::string column_text(int index) const;
  bool column_is_null(int index) const;

private:
  sqlite3* m_db;
  sqlite3_stmt* m_stmt = nullptr;
};

class UniqueRecordReader;

// What a search or import run was; one row of `searches`.
struct SearchRun
{
  std::int64_t id = 0;
  std::string kind = "import"; // "search" | "import"
  std::string database;        // source name (PubMed, Crossref, CINAHL ...)
  std::string query_file;
  std::string query_text; // the query file verbatim
  std::string query_sent; // the exact term sent to the database
  std::string file;       // imported file as named on the command line
  std::string file_hash;
  std::string format;
  std::string run_at; // UTC, ISO 8601
  std::optional<std::int64_t> hits_reported;
  std::int64_t records_retrieved = 0;
  std::optional<std::int64_t> records_matched;
  std::int64_t records_new = 0;
  std::string tool_version;
  SearchDetails details; // anything else worth logging (search_details.hpp)
};

struct StoreCounts
{
  std::int64_t records = 0;
  std::int64_t searches = 0;
  std::int64_t imports = 0;
  std::vector<std::pair<std::string, std::int64_t>> per_source; // by source name
};

class Store
{
public:
  enum class Mode { create, open_existing };

  // Opens (or creates) the SQLite file and brings the core schema up to date.
  // Throws synth::Error naming the file when it cannot.
  Store(const std::filesystem::path& path, Mode mode);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  Statement prepare(std::string_view sql) { return Statement(m_db, sql); }
  void exec(std::string_view sql);

  // Applies the migrations of a module that are newer than its recorded version: migration
  // i (0-based) brings the module to version i+1. Each module owns its tables.
  void migrate(std::string_view module, const std::vector<std::string>& migrations);
  int schema_version(std::string_view module);

  // One transaction (BEGIN IMMEDIATE). Rolled back on destruction unless committed. The
  // raw archive follows: synced before the commit, cut back on rollback.
  class Transaction
  {
  public:
    explicit Transaction(Store& store);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

  private:
    Store& m_store;
    RawArchive::Mark m_mark;
    bool m_done = false;
  };

  // A savepoint (inside a transaction, or one of its own): release() keeps its writes;
  // rollback() or destruction without release() undoes them, archive included.
  class Savepoint
  {
  public:
    Savepoint(Store& store, std::string name);
    ~Savepoint();
    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;
    void rollback();
    void release();

  private:
    Store& m_store;
    std::string m_name;
    RawArchive::Mark m_mark;
    bool m_done = false;
  };

  // --- searches and records -------------------------------------------------------------
  std::int64_t add_search(SearchRun& run); // sets run.id
  void update_search(const SearchRun& run);
  std::vector<SearchRun> searches();
  std::optional<SearchRun> find_import_by_hash(std::string_view file_hash, std::string_view database);

  // Inserts a record unless one with the same (source, source_id) exists. Returns the new
  // synth id, or nullopt when the record was already there. Sets record.id either way.
  std::optional<std::int64_t> insert_record(Record& record, std::int64_t search_id);

  // The list fields of a record as its row keeps them (record_codec.hpp). A bulk writer
  // encodes them in another thread and passes them to insert_record.
  struct EncodedLists
  {
    std::string authors, publication_types, keywords, mesh;
  };
  static EncodedLists encode_lists(const Record& record);
  // This one takes record.raw (left empty) into the raw archive without a copy.
  std::optional<std::int64_t> insert_record(Record& record, std::int64_t search_id, const EncodedLists& lists);

  // Gives a stored record the source id it could not have when it was inserted (a record of
  // a streamed file without an id of its own is named after the file's hash, known at the end).
  void set_source_id(std::int64_t id, std::string_view source_id);

  // Reads records in synth-id order. The callback may stop early by returning false.
  void for_each_record(const std::function<bool(const Record&)>& fn);
  std::vector<Record> records();
  std::optional<Record> record(std::int64_t id);

  StoreCounts counts();

  RawArchive& raw_archive() { return *m_archive; }

private:
  friend class UniqueRecordReader; // reads with the raw API (screen_tables.hpp)
  sqlite3* handle() { return m_db; }
  void configure(); // pragmas, schema and migrations of a just-opened connection
  std::filesystem::path m_path;
  sqlite3* m_db = nullptr;
  std::unique_ptr<RawArchive> m_archive;
  std::unique_ptr<Statement> m_insert_record;
  std::unique_ptr<Statement> m_find_record;
  std::unique_ptr<Statement> m_set_source_id;
};

// The current time as UTC ISO 8601 ("2026-11-26T03:50:15Z").
std::string now_utc();

} // namespace synth::store
