// Lab 01: your code, part 2 of 4: units of work, and the order of every commit.
//
// A commit is all or nothing, in the file and in memory (rules 1, 2 and 5 of file_store.hpp).
// How you get there is yours to design; the one constraint the port adds is that atomically()
// runs `work` as one unit that no other unit interleaves with.
#include <stdexcept>
#include <string>

#include "file_store.hpp"
#include "log_format.hpp"

namespace archbench::lab01 {

// Step 2. The UnitOfWork that atomically() hands to `work`. It may read what the store holds;
// what it writes must not be visible anywhere (not in memory, not in the file) unless the unit
// commits. Each write becomes one record of the log (log_format.hpp lists the records and their
// fields). A write naming an account that does not exist is refused now (rule 5).
class FileStore::Unit final : public ports::UnitOfWork {
 public:
  explicit Unit(FileStore& store) noexcept : store_(store) {}

  std::optional<domain::Account> find_account(std::string_view id) override {
    return store_.find_account_locked(id);
  }

  std::optional<domain::IdempotencyRecord> find_idempotency_record(
      domain::Operation operation, std::string_view request_id) override {
    // TODO(student): Step 2. Replace this placeholder.
    static_cast<void>(operation);
    static_cast<void>(request_id);
    return std::nullopt;
  }

  void set_balance(std::string_view account_id, domain::Money balance) override {
    // TODO(student): Step 2.
    static_cast<void>(account_id);
    static_cast<void>(balance);
  }

  void append_transaction(std::string_view account_id, const domain::Transaction& line) override {
    // TODO(student): Step 2.
    static_cast<void>(account_id);
    static_cast<void>(line);
  }

  void save_idempotency_record(domain::Operation operation, std::string_view request_id,
                               const domain::IdempotencyRecord& record) override {
    // TODO(student): Step 2.
    static_cast<void>(operation);
    static_cast<void>(request_id);
    static_cast<void>(record);
  }

 private:
  FileStore& store_;
  // TODO(student): Step 2. Whatever the unit needs to remember until atomically() decides.
};

// Step 1. Stores a new account: one frame in the log (a kAccount record), then memory. If the
// append throws, the account must not exist anywhere (rule 2).
void FileStore::add_account(const domain::Account& account) {
  // TODO(student): Step 1.
  static_cast<void>(account);
}

// Step 2. Runs `work` on a Unit. Committed (work returned true) and non-empty: one frame, then
// memory. Discarded (false) or failed (work threw): nothing, anywhere; the exception goes on to
// the caller.
void FileStore::atomically(const Work& work) {
  // TODO(student): Step 2.
  static_cast<void>(work);
}

}  // namespace archbench::lab01
