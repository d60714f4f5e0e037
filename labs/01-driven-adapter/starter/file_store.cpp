// Lab 01: your code. Fill in every TODO(student), one step at a time, and run
// `scripts/lab check 01` after each. file_store.hpp (one folder up) declares the class;
// log_format.hpp gives you the log's format (Writer, Reader, frame, split_frames, read_file).
// Everything compiles and returns a placeholder until you replace it.
#include "file_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include "log_format.hpp"

namespace archbench::lab01 {
namespace {

[[noreturn]] void fail(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

}  // namespace

// Step 2. The unit of work. atomically() holds the store's lock for the whole unit, so reads
// may look straight into the maps. Writes must NOT touch the maps: record them in `writes_`
// (a log::Writer), and atomically() will append them as one frame and apply() them, or drop
// them. That is what makes a unit all-or-nothing, in the file and in memory.
class FileStore::Unit final : public ports::UnitOfWork {
 public:
  explicit Unit(FileStore& store) noexcept : store_(store) {}

  std::optional<domain::Account> find_account(std::string_view id) override {
    return store_.find_account_locked(id);
  }

  // Step 2. Look up {operation, request_id} in store_.records_.
  std::optional<domain::IdempotencyRecord> find_idempotency_record(
      domain::Operation operation, std::string_view request_id) override {
    // TODO(student): Step 2. Replace this placeholder.
    static_cast<void>(operation);
    static_cast<void>(request_id);
    return std::nullopt;
  }

  // Step 2. The three writes: one record each, fields in the order log_format.hpp lists.
  // Call store_.entry(account_id) first in the two that name an account: it throws for an
  // unknown one, and a record that apply() cannot apply must never reach the log (every later
  // replay would trip on it).
  //   set_balance:             kBalance: account id, balance
  //   append_transaction:      kTransaction: account id, line.id, kind (as a number), amount,
  //                            balance_after, optional counterparty, optional memo
  //   save_idempotency_record: kRecord: operation (as a number), request_id, fingerprint,
  //                            result_id, balance
  void set_balance(std::string_view account_id, domain::Money balance) override {
    // TODO(student): Step 2. writes_.tag(log::kBalance).field(account_id).number(balance)
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

  [[nodiscard]] const log::Writer& writes() const noexcept { return writes_; }

 private:
  FileStore& store_;
  log::Writer writes_;
};

// Given: replay what the log holds, then open it for appending.
FileStore::FileStore(std::filesystem::path path, Sync sync) : path_(std::move(path)), sync_(sync) {
  replay();
  fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) fail("open " + path_.string());
}

FileStore::~FileStore() {
  if (fd_ >= 0) ::close(fd_);
}

// Step 1. Read the whole log (log::read_file), split it into frames (log::split_frames) and
// apply() each payload in order.
//
// Step 3. split_frames stops at a torn frame (the process died while writing it), and its
// valid_bytes says where the good part ends. If the file is longer than that, cut it there
// (std::filesystem::resize_file): otherwise the next commit is appended *behind* the torn bytes,
// where no replay will ever read it.
void FileStore::replay() {
  // TODO(student): Step 1, then Step 3.
}

// Step 1. Read records until the payload is done() and apply each to the maps:
//   kAccount:     a new Entry with the account (its history empty), under its id
//   Step 2 adds:
//   kBalance:     entry(id).account.balance = the balance
//   kTransaction: a Transaction built from the fields, pushed at the back of entry(id).history
//                 (static_cast<domain::TransactionKind>(number) turns the kind back)
//   kRecord:      records_[{operation, request_id}] = the record
//   anything else: throw std::runtime_error (the log is not ours)
// Read the fields into named variables, one statement each, in the order they were written.
void FileStore::apply(std::string_view payload) {
  // TODO(student): Step 1, then Step 2. log::Reader in(payload); while (!in.done()) ...
  static_cast<void>(payload);
}

// Step 1. Append log::frame(payload) to fd_ with ::write. A write may write fewer bytes than
// asked (or fail with errno == EINTR, then just try again): loop until every byte is written;
// on any other error, fail("write ..."). Then, if sync_ == Sync::fsync, ::fsync(fd_).
void FileStore::append(std::string_view payload) {
  // TODO(student): Step 1.
  static_cast<void>(payload);
}

// Step 1. Under the lock: write the kAccount record (id, owner, currency, balance) with a
// log::Writer, append() it, then apply() it. The log first: if the append throws, memory must
// not hold an account the log does not.
void FileStore::add_account(const domain::Account& account) {
  // TODO(student): Step 1.
  static_cast<void>(account);
}

// Step 1. Under the lock, find_account_locked(id).
std::optional<domain::Account> FileStore::find_account(std::string_view id) {
  // TODO(student): Step 1. Replace this placeholder.
  static_cast<void>(id);
  return std::nullopt;
}

// Step 1. Under the lock: nullopt if there is no such account, otherwise the newest `limit`
// lines of its history, newest first (the history is stored oldest first: copy from rbegin()).
std::optional<std::vector<domain::Transaction>> FileStore::recent_transactions(
    std::string_view account_id, int limit) {
  // TODO(student): Step 1. Replace this placeholder.
  static_cast<void>(account_id);
  static_cast<void>(limit);
  return std::nullopt;
}

// Step 2. Under the lock for the whole unit: make a Unit, run work(unit). If it returns true
// and the unit wrote something, append() its payload as one frame, then apply() it. If it
// returns false or throws, do nothing: the writes were only in the Unit.
void FileStore::atomically(const Work& work) {
  // TODO(student): Step 2.
  static_cast<void>(work);
}

// Given helpers (mutex_ held by the caller).
std::optional<domain::Account> FileStore::find_account_locked(std::string_view id) const {
  const auto it = accounts_.find(id);
  if (it == accounts_.end()) return std::nullopt;
  return it->second.account;
}

FileStore::Entry& FileStore::entry(std::string_view id) {
  const auto it = accounts_.find(id);
  if (it == accounts_.end()) throw std::runtime_error("log: a record names an unknown account");
  return it->second;
}

}  // namespace archbench::lab01
