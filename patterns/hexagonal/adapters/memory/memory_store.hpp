// The in-memory driven adapter: the default store, and the fast test double of the
// application tests. Standard containers behind one mutex, like the baseline's state; what
// differs is only that the rules live elsewhere (domain/), and this class merely keeps data.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "hexagonal/ports/ledger_store.hpp"

namespace archbench::hexagonal::adapters {

class MemoryStore final : public ports::LedgerStore {
 public:
  void add_account(const domain::Account& account) override;
  [[nodiscard]] std::optional<domain::Account> find_account(std::string_view id) override;
  [[nodiscard]] std::optional<std::vector<domain::Transaction>> recent_transactions(
      std::string_view account_id, int limit) override;
  [[nodiscard]] std::uint64_t highest_id_number(std::string_view prefix) override;
  void atomically(const Work& work) override;

 private:
  class Unit;  // the UnitOfWork: reads under the lock, stages writes until commit

  // Lets the maps be searched with a string_view, without building a std::string.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept {
      return std::hash<std::string_view>{}(key);
    }
  };
  template <class Value>
  using Map = std::unordered_map<std::string, Value, Hash, std::equal_to<>>;

  struct Entry {
    domain::Account account;
    std::vector<domain::Transaction> history;  // oldest first: appending is cheap
  };

  Map<domain::IdempotencyRecord>& records(domain::Operation operation);

  std::mutex mutex_;
  Map<Entry> accounts_;
  Map<domain::IdempotencyRecord> deposit_requests_;  // by request_id, one map per operation
  Map<domain::IdempotencyRecord> transfer_requests_;
};

}  // namespace archbench::hexagonal::adapters
