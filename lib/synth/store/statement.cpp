// Statement: a prepared SQLite statement (store.hpp).
#include "synth/store/store.hpp"

#include "synth/core/error.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace synth::store {

void throw_store_error(sqlite3* db, int rc, std::string_view what, std::string_view captured)
{
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  std::string where = file && *file ? file : "store";
  std::string message = !captured.empty() ? std::string(captured) : db ? sqlite3_errmsg(db) : "out of memory";
  int primary = rc & 0xff;
  std::string hint;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    hint = "another synth command is running on this project; wait for it to end and run this one again";
  } else if (primary == SQLITE_FULL) {
    hint = "the disk is full; free some space and run the command again (the store is unchanged)";
  } else if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
    hint = "the store is damaged; restore it from a backup (synth check tells what else disagrees)";
  }
  if (what.empty()) {
    throw Error(fmt::format("{}: {}", where, message), hint);
  }
  throw Error(fmt::format("{}: {}: {}", where, what, message), hint);
}

namespace {
[[noreturn]] void fail(sqlite3* db, std::string_view what)
{
  throw_store_error(db, db ? sqlite3_errcode(db) : SQLITE_NOMEM, what);
}
} // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : m_db(db)
{
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr) != SQLITE_OK) {
    fail(db, fmt::format("cannot prepare '{}'", sql.substr(0, 60)));
  }
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement::Statement(Statement&& other) noexcept : m_db(other.m_db), m_stmt(other.m_stmt) { other.m_stmt = nullptr; }

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
  // A default string_view has no data pointer, which SQLite would bind as NULL.
  sqlite3_bind_text(m_stmt, index, value.data() ? value.data() : "", static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind_static(int index, std::string_view value)
{
  sqlite3_bind_text(m_stmt, index, value.data() ? value.data() : "", static_cast<int>(value.size()), SQLITE_STATIC);
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
  int code = sqlite3_extended_errcode(m_db);
  std::string message = sqlite3_errmsg(m_db);
  sqlite3_reset(m_stmt);
  throw_store_error(m_db, code, {}, message);
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

std::int64_t Statement::column_int(int index) const { return sqlite3_column_int64(m_stmt, index); }

double Statement::column_double(int index) const { return sqlite3_column_double(m_stmt, index); }

std::string Statement::column_text(int index) const
{
  const auto* text = sqlite3_column_text(m_stmt, index);
  if (!text) {
    return {};
  }
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, index)));
}

bool Statement::column_is_null(int index) const { return sqlite3_column_type(m_stmt, index) == SQLITE_NULL; }

} // namespace synth::store
