// The driven port: where the ledger keeps accounts, their history and idempotency records.
// The application speaks only to this interface; adapters/memory, adapters/sqlite and
// adapters/redis implement it, and tests/store_contract.cpp holds every one of them to the same
// contract.
//
// The rules never run inside an adapter. A write goes through `atomically`: the store hands the
// application a UnitOfWork, the application reads what the rule needs, asks the domain, and
// stages the writes the domain decided; the store makes them durable together or not at all.
// How the store keeps that promise (a mutex, BEGIN IMMEDIATE, WATCH/MULTI/EXEC) is its own
// business.
#pragma once

#include <charconv>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <system_error>
#include <vector>

#include "hexagonal/domain/account.hpp"
#include "hexagonal/domain/idempotency.hpp"
#include "hexagonal/domain/money.hpp"
#include "hexagonal/domain/transaction.hpp"

namespace archbench::hexagonal::ports {

// The store as seen from inside one atomic unit of work. Read everything first, then write:
// whether a read sees the unit's own earlier writes is up to the adapter (Redis queues writes
// until EXEC), so the contract does not promise it.
class UnitOfWork {
 public:
  UnitOfWork() = default;
  virtual ~UnitOfWork() = default;
  UnitOfWork(const UnitOfWork&) = delete;
  UnitOfWork& operator=(const UnitOfWork&) = delete;

  [[nodiscard]] virtual std::optional<domain::Account> find_account(std::string_view id) = 0;
  [[nodiscard]] virtual std::optional<domain::IdempotencyRecord> find_idempotency_record(
      domain::Operation operation, std::string_view request_id) = 0;

  virtual void set_balance(std::string_view account_id, domain::Money balance) = 0;
  // Adds `line` as the newest line of the account's history.
  virtual void append_transaction(std::string_view account_id, const domain::Transaction& line) = 0;
  virtual void save_idempotency_record(domain::Operation operation, std::string_view request_id,
                                       const domain::IdempotencyRecord& record) = 0;
};

class LedgerStore {
 public:
  LedgerStore() = default;
  virtual ~LedgerStore() = default;
  LedgerStore(const LedgerStore&) = delete;
  LedgerStore& operator=(const LedgerStore&) = delete;

  // Stores a new account; its id is fresh (from the IdGenerator port).
  virtual void add_account(const domain::Account& account) = 0;
  [[nodiscard]] virtual std::optional<domain::Account> find_account(std::string_view id) = 0;
  // The account's newest `limit` (>= 1) lines, newest first; nullopt if there is no such
  // account.
  [[nodiscard]] virtual std::optional<std::vector<domain::Transaction>> recent_transactions(
      std::string_view account_id, int limit) = 0;
  // The highest N for which the store holds an id spelled `prefix` and the decimal digits of
  // N (see id_number() below), among its accounts' ids and the ids of their histories' lines;
  // 0 if none. Sequential ids (adapters/ids) continue after it, so that a backend restarted
  // over a store that outlived it never hands out an id the store already holds. Asked once,
  // at start-up: a full scan is fine.
  [[nodiscard]] virtual std::uint64_t highest_id_number(std::string_view prefix) = 0;

  // Returns true to commit the unit's writes, false to discard them (a refusal changes
  // nothing). An exception discards them too, and propagates.
  using Work = std::function<bool(UnitOfWork&)>;

  // Runs `work` as one atomic unit: no other unit's writes interleave with it. An optimistic
  // store may run `work` again when another writer changed what it read, so `work` must
  // leave its results by assignment (the last run wins), never by accumulation.
  virtual void atomically(const Work& work) = 0;
};

// N when `id` is `prefix` followed by the decimal digits of N (and nothing else), else nullopt:
// id_number("acc-12", "acc-") == 12; "acc-", "acc-1x" and "acc-5f0c9e..." (a random id) have
// none. For adapters implementing highest_id_number().
[[nodiscard]] inline std::optional<std::uint64_t> id_number(std::string_view id,
                                                            std::string_view prefix) noexcept {
  if (!id.starts_with(prefix) || id.size() == prefix.size()) return std::nullopt;
  const char* first = id.data() + prefix.size();
  const char* last = id.data() + id.size();
  std::uint64_t number = 0;
  const auto [end, error] = std::from_chars(first, last, number);
  if (error != std::errc{} || end != last) return std::nullopt;  // not digits only, or too big
  return number;
}

}  // namespace archbench::hexagonal::ports
