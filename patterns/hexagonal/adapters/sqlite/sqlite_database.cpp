#include "hexagonal/adapters/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include <stdexcept>

namespace archbench::hexagonal::adapters::sqlite {
namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw std::runtime_error("sqlite: " + std::string(what) + ": " + sqlite3_errmsg(db));
}

}  // namespace

Database::Database(const std::string& path) {
  // NOMUTEX: SQLite's own per-connection lock is not needed, because a connection is used by
  // one thread at a time (the pool lends it out whole).
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error("sqlite: cannot open " + path + ": " + message);
  }
}

Database::~Database() { sqlite3_close(db_); }

void Database::execute(const char* sql) {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(db_, sql);
}

Statement::Statement(Database& db, std::string_view sql) {
  if (sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &statement_, nullptr) != SQLITE_OK) {
    fail(db.handle(), sql);
  }
}

Statement::~Statement() { sqlite3_finalize(statement_); }

Query::~Query() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

Query& Query::bind(int index, std::string_view text) {
  // SQLITE_STATIC: SQLite reads the caller's bytes in place (see the class comment).
  if (sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                        SQLITE_STATIC) != SQLITE_OK) {
    fail(sqlite3_db_handle(statement_), "bind");
  }
  return *this;
}

Query& Query::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK) {
    fail(sqlite3_db_handle(statement_), "bind");
  }
  return *this;
}

Query& Query::bind_null(int index) {
  if (sqlite3_bind_null(statement_, index) != SQLITE_OK) {
    fail(sqlite3_db_handle(statement_), "bind");
  }
  return *this;
}

bool Query::step() {
  switch (sqlite3_step(statement_)) {
    case SQLITE_ROW:
      return true;
    case SQLITE_DONE:
      return false;
    default:
      fail(sqlite3_db_handle(statement_), sqlite3_sql(statement_));
  }
}

bool Query::is_null(int column) const noexcept {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::string Query::text(int column) const {
  // column_text first, then column_bytes: the documented order for a correct length.
  const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  const auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement_, column));
  return bytes != nullptr ? std::string(bytes, size) : std::string();
}

std::int64_t Query::integer(int column) const noexcept {
  return sqlite3_column_int64(statement_, column);
}

}  // namespace archbench::hexagonal::adapters::sqlite
