// The SQL driven adapter: the ledger in one SQLite file (WAL mode), with the same behaviour as
// the in-memory store, checked by the same contract suite.
//
// A unit of work is one SQL transaction, BEGIN IMMEDIATE ... COMMIT, on one pooled connection.
// SQLite admits one writer at a time; units of this process queue on a mutex first, so that
// they wait in a fair, cheap queue instead of SQLite's sleeping busy handler (busy_timeout
// still covers another process writing the same file). Reads run concurrently on their own
// connections: WAL readers never block the writer.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "hexagonal/adapters/connection_pool.hpp"
#include "hexagonal/ports/ledger_store.hpp"

namespace archbench::hexagonal::adapters {

class SqliteStore final : public ports::LedgerStore {
 public:
  // Opens or creates the database file at `path` and its tables.
  explicit SqliteStore(std::string path);
  ~SqliteStore() override;

  void add_account(const domain::Account& account) override;
  [[nodiscard]] std::optional<domain::Account> find_account(std::string_view id) override;
  [[nodiscard]] std::optional<std::vector<domain::Transaction>> recent_transactions(
      std::string_view account_id, int limit) override;
  [[nodiscard]] std::uint64_t highest_id_number(std::string_view prefix) override;
  void atomically(const Work& work) override;

 private:
  struct Connection;  // a database handle with its prepared statements
  class Unit;

  std::string path_;
  ConnectionPool<Connection> pool_;
  std::mutex writer_;
};

}  // namespace archbench::hexagonal::adapters
