// Lab 01, the reference answer: units of work, and the order of every commit (the log first,
// then memory).
#include <stdexcept>
#include <string>

#include "file_store.hpp"
#include "log_format.hpp"

namespace archbench::lab01 {

// Reads from the replayed maps (the store's lock is held for the whole unit) and writes
// records into one payload, which atomically() appends as one frame: the whole unit, or none.
class FileStore::Unit final : public ports::UnitOfWork {
 public:
  explicit Unit(FileStore& store) noexcept : store_(store) {}

  std::optional<domain::Account> find_account(std::string_view id) override {
    return store_.find_account_locked(id);
  }

  std::optional<domain::IdempotencyRecord> find_idempotency_record(
      domain::Operation operation, std::string_view request_id) override {
    const auto it = store_.records_.find({operation, std::string(request_id)});
    if (it == store_.records_.end()) return std::nullopt;
    return it->second;
  }

  void set_balance(std::string_view account_id, domain::Money balance) override {
    require_account(account_id);
    writes_.tag(log::kBalance).field(account_id).number(balance);
  }

  void append_transaction(std::string_view account_id, const domain::Transaction& line) override {
    require_account(account_id);
    writes_.tag(log::kTransaction)
        .field(account_id)
        .field(line.id)
        .number(static_cast<std::int64_t>(line.kind))
        .number(line.amount)
        .number(line.balance_after)
        .optional_field(line.counterparty)
        .optional_field(line.memo);
  }

  void save_idempotency_record(domain::Operation operation, std::string_view request_id,
                               const domain::IdempotencyRecord& record) override {
    writes_.tag(log::kRecord)
        .number(static_cast<std::int64_t>(operation))
        .field(request_id)
        .field(record.fingerprint)
        .field(record.result_id)
        .number(record.balance);
  }

  [[nodiscard]] const log::Writer& writes() const noexcept { return writes_; }

 private:
  // Checked now, not at commit: a record apply() cannot apply must never reach the log, where
  // every later replay would stop at it (rule 5).
  void require_account(std::string_view id) const {
    if (!store_.accounts_.contains(id)) {
      throw std::invalid_argument("no account '" + std::string(id) + "'");
    }
  }

  FileStore& store_;
  log::Writer writes_;
};

void FileStore::add_account(const domain::Account& account) {
  log::Writer record;
  record.tag(log::kAccount)
      .field(account.id)
      .field(account.owner)
      .field(account.currency)
      .number(account.balance);
  const std::lock_guard lock(mutex_);
  append(record.payload());  // the log first: memory never holds what the log does not
  apply(record.payload());
}

void FileStore::atomically(const Work& work) {
  const std::lock_guard lock(mutex_);
  Unit unit(*this);
  if (!work(unit) || unit.writes().empty()) return;
  append(unit.writes().payload());
  apply(unit.writes().payload());
}

}  // namespace archbench::lab01
