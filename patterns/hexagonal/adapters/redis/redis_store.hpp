// The NoSQL driven adapter: the ledger in a Redis server, with the same behaviour as the
// in-memory and SQLite stores, checked by the same contract suite.
//
// A unit of work is optimistic: every key it reads is WATCHed, its writes are queued and sent
// as one MULTI ... EXEC. If another client changed a watched key in between, Redis refuses the
// EXEC and the unit runs again on fresh data. That keeps the transfer rule in domain/, in C++;
// a Lua script would be one round trip instead of four, but the rule would then live in the
// adapter, twice (see docs/patterns/hexagonal.md).
//
// Keys: ledger:account:<id> (hash: owner, currency, balance), ledger:transactions:<id> (list,
// newest first), ledger:request:<deposit|transfer>:<request_id> (hash: the idempotency record).
#pragma once

#include <string>

#include "hexagonal/adapters/connection_pool.hpp"
#include "hexagonal/adapters/redis/redis_connection.hpp"
#include "hexagonal/ports/ledger_store.hpp"

namespace archbench::hexagonal::adapters {

class RedisStore final : public ports::LedgerStore {
 public:
  // Connects once now (so that a wrong address fails at start-up), then on demand, one
  // connection per concurrent caller.
  RedisStore(std::string host, int port);

  void add_account(const domain::Account& account) override;
  [[nodiscard]] std::optional<domain::Account> find_account(std::string_view id) override;
  [[nodiscard]] std::optional<std::vector<domain::Transaction>> recent_transactions(
      std::string_view account_id, int limit) override;
  // SCANs the account keys and reads every history: fine once at start-up, not on a hot path.
  [[nodiscard]] std::uint64_t highest_id_number(std::string_view prefix) override;
  void atomically(const Work& work) override;

  // How many times a unit of work may be re-run after losing a race before giving up (500).
  static constexpr int kMaxAttempts = 1000;

 private:
  class Unit;

  std::string host_;
  int port_;
  ConnectionPool<redis::Connection> pool_;
};

}  // namespace archbench::hexagonal::adapters
