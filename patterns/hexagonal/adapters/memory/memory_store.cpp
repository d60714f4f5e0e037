#include "hexagonal/adapters/memory/memory_store.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>
#include <utility>

namespace archbench::hexagonal::adapters {

// Runs under the store's lock, so reads are consistent and no other unit interleaves. Writes
// are staged and applied only on commit, so a unit that returns false (or throws) leaves the
// store exactly as it found it.
class MemoryStore::Unit final : public ports::UnitOfWork {
 public:
  explicit Unit(MemoryStore& store) noexcept : store_(store) {}

  std::optional<domain::Account> find_account(std::string_view id) override {
    const auto it = store_.accounts_.find(id);
    if (it == store_.accounts_.end()) return std::nullopt;
    return it->second.account;
  }

  std::optional<domain::IdempotencyRecord> find_idempotency_record(
      domain::Operation operation, std::string_view request_id) override {
    const auto& records = store_.records(operation);
    const auto it = records.find(request_id);
    if (it == records.end()) return std::nullopt;
    return it->second;
  }

  void set_balance(std::string_view account_id, domain::Money balance) override {
    balances_.emplace_back(&entry(account_id), balance);
  }

  void append_transaction(std::string_view account_id, const domain::Transaction& line) override {
    lines_.emplace_back(&entry(account_id), line);
  }

  void save_idempotency_record(domain::Operation operation, std::string_view request_id,
                               const domain::IdempotencyRecord& record) override {
    records_.emplace_back(operation, std::string(request_id), record);
  }

  void commit() {
    for (auto& [entry, balance] : balances_) entry->account.balance = balance;
    for (auto& [entry, line] : lines_) entry->history.push_back(std::move(line));
    for (auto& [operation, request_id, record] : records_) {
      store_.records(operation).insert_or_assign(std::move(request_id), std::move(record));
    }
  }

 private:
  // Node-based maps never move their elements, so the pointer stays valid until commit.
  Entry& entry(std::string_view account_id) {
    const auto it = store_.accounts_.find(account_id);
    if (it == store_.accounts_.end()) {
      throw std::logic_error("write to an account the unit did not find: " +
                             std::string(account_id));
    }
    return it->second;
  }

  MemoryStore& store_;
  std::vector<std::pair<Entry*, domain::Money>> balances_;
  std::vector<std::pair<Entry*, domain::Transaction>> lines_;
  std::vector<std::tuple<domain::Operation, std::string, domain::IdempotencyRecord>> records_;
};

MemoryStore::Map<domain::IdempotencyRecord>& MemoryStore::records(domain::Operation operation) {
  return operation == domain::Operation::deposit ? deposit_requests_ : transfer_requests_;
}

void MemoryStore::add_account(const domain::Account& account) {
  const std::lock_guard lock(mutex_);
  accounts_.try_emplace(account.id, Entry{account, {}});
}

std::optional<domain::Account> MemoryStore::find_account(std::string_view id) {
  const std::lock_guard lock(mutex_);
  const auto it = accounts_.find(id);
  if (it == accounts_.end()) return std::nullopt;
  return it->second.account;
}

std::optional<std::vector<domain::Transaction>> MemoryStore::recent_transactions(
    std::string_view account_id, int limit) {
  const std::lock_guard lock(mutex_);
  const auto it = accounts_.find(account_id);
  if (it == accounts_.end()) return std::nullopt;
  const auto& history = it->second.history;
  const auto count = std::min(history.size(), static_cast<std::size_t>(std::max(limit, 0)));
  return std::vector<domain::Transaction>(history.rbegin(),
                                          history.rbegin() + static_cast<std::ptrdiff_t>(count));
}

std::uint64_t MemoryStore::highest_id_number(std::string_view prefix) {
  const std::lock_guard lock(mutex_);
  std::uint64_t highest = 0;
  const auto see = [&](std::string_view id) {
    highest = std::max(highest, ports::id_number(id, prefix).value_or(0));
  };
  for (const auto& [id, entry] : accounts_) {
    see(id);
    for (const auto& line : entry.history) see(line.id);
  }
  return highest;
}

void MemoryStore::atomically(const Work& work) {
  const std::lock_guard lock(mutex_);
  Unit unit(*this);
  if (work(unit)) unit.commit();
}

}  // namespace archbench::hexagonal::adapters
