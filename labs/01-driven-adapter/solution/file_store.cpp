// Lab 01: the reference answer. Look at it when stuck, or after you pass.
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

  // Writes are checked now, not at commit: a record that cannot be applied must never reach
  // the log, where every later replay would trip on it.
  void set_balance(std::string_view account_id, domain::Money balance) override {
    store_.entry(account_id);
    writes_.tag(log::kBalance).field(account_id).number(balance);
  }

  void append_transaction(std::string_view account_id, const domain::Transaction& line) override {
    store_.entry(account_id);
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
  FileStore& store_;
  log::Writer writes_;
};

FileStore::FileStore(std::filesystem::path path, Sync sync) : path_(std::move(path)), sync_(sync) {
  replay();
  fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) fail("open " + path_.string());
}

FileStore::~FileStore() {
  if (fd_ >= 0) ::close(fd_);
}

void FileStore::replay() {
  const std::string bytes = log::read_file(path_);
  const log::Frames frames = log::split_frames(bytes);
  for (const auto payload : frames.payloads) apply(payload);
  // A torn last frame: cut it off, or the next commit would land behind it, where no replay
  // ever reads (split_frames stops at the first frame that is not whole).
  if (frames.valid_bytes < bytes.size()) std::filesystem::resize_file(path_, frames.valid_bytes);
}

void FileStore::apply(std::string_view payload) {
  log::Reader in(payload);
  while (!in.done()) {
    switch (in.tag()) {
      case log::kAccount: {
        Entry opened;
        opened.account.id = in.field();
        opened.account.owner = in.field();
        opened.account.currency = in.field();
        opened.account.balance = in.number();
        std::string id = opened.account.id;
        accounts_.insert_or_assign(std::move(id), std::move(opened));
        break;
      }
      case log::kBalance: {
        const std::string id = in.field();
        entry(id).account.balance = in.number();
        break;
      }
      case log::kTransaction: {
        const std::string id = in.field();
        domain::Transaction line;
        line.id = in.field();
        line.kind = static_cast<domain::TransactionKind>(in.number());
        line.amount = in.number();
        line.balance_after = in.number();
        line.counterparty = in.optional_field();
        line.memo = in.optional_field();
        entry(id).history.push_back(std::move(line));
        break;
      }
      case log::kRecord: {
        const auto operation = static_cast<domain::Operation>(in.number());
        std::string request_id = in.field();
        domain::IdempotencyRecord record;
        record.fingerprint = in.field();
        record.result_id = in.field();
        record.balance = in.number();
        records_.insert_or_assign({operation, std::move(request_id)}, std::move(record));
        break;
      }
      default:
        throw std::runtime_error("log: unknown record tag");
    }
  }
}

void FileStore::append(std::string_view payload) {
  const std::string bytes = log::frame(payload);
  // One write(2) per frame when it can; a short write continues where it stopped.
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("write " + path_.string());
    written += static_cast<std::size_t>(n);
  }
  if (sync_ == Sync::fsync && ::fsync(fd_) != 0) fail("fsync " + path_.string());
}

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

std::optional<domain::Account> FileStore::find_account(std::string_view id) {
  const std::lock_guard lock(mutex_);
  return find_account_locked(id);
}

std::optional<std::vector<domain::Transaction>> FileStore::recent_transactions(
    std::string_view account_id, int limit) {
  const std::lock_guard lock(mutex_);
  const auto it = accounts_.find(account_id);
  if (it == accounts_.end()) return std::nullopt;
  const auto& history = it->second.history;
  const auto count = std::min(history.size(), static_cast<std::size_t>(std::max(limit, 0)));
  return std::vector<domain::Transaction>(history.rbegin(),
                                          history.rbegin() + static_cast<std::ptrdiff_t>(count));
}

void FileStore::atomically(const Work& work) {
  const std::lock_guard lock(mutex_);
  Unit unit(*this);
  if (!work(unit) || unit.writes().empty()) return;
  append(unit.writes().payload());
  apply(unit.writes().payload());
}

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
