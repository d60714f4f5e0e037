// Thin RAII handles over SQLite's C API: a Database, a prepared Statement, and a Query (one
// execution of a statement, reset when it ends so that it never holds a read snapshot open).
// Errors throw std::runtime_error with SQLite's message.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace archbench::hexagonal::adapters::sqlite {

class Database {
 public:
  explicit Database(const std::string& path);  // opens or creates the file
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements that take no parameters (schema, pragmas).
  void execute(const char* sql);
  [[nodiscard]] sqlite3* handle() const noexcept { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

class Query;

class Statement {
 public:
  Statement(Database& db, std::string_view sql);  // prepared once, run many times
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  [[nodiscard]] Query start();

 private:
  friend class Query;
  sqlite3_stmt* statement_ = nullptr;
};

// One run of a Statement: bind the parameters (1-based), step through the rows, read columns
// (0-based). Text parameters are not copied: they must outlive the Query.
class Query {
 public:
  explicit Query(Statement& statement) noexcept : statement_(statement.statement_) {}
  ~Query();  // resets the statement and clears its bindings
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  Query& bind(int index, std::string_view text);
  Query& bind(int index, std::int64_t value);
  Query& bind_null(int index);

  // True when a row is ready, false when the statement is done.
  bool step();
  // For statements that return no rows.
  void run() { step(); }

  [[nodiscard]] bool is_null(int column) const noexcept;
  [[nodiscard]] std::string text(int column) const;
  [[nodiscard]] std::int64_t integer(int column) const noexcept;

 private:
  sqlite3_stmt* statement_;
};

inline Query Statement::start() { return Query(*this); }

}  // namespace archbench::hexagonal::adapters::sqlite
