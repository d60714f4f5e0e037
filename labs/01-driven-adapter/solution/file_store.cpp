// Lab 01, the reference answer: opening the store, and the reads. Look at it when stuck, or
// after you pass.
#include "file_store.hpp"

#include <algorithm>
#include <stdexcept>

namespace archbench::lab01 {

FileStore::FileStore(std::filesystem::path path, Sync sync, std::unique_ptr<LogFile> file)
    : path_(std::move(path)),
      sync_(sync),
      file_(file ? std::move(file) : PosixLogFile::open(path_)) {
  replay();
}

FileStore::~FileStore() = default;

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

std::optional<domain::Account> FileStore::find_account_locked(std::string_view id) const {
  const auto it = accounts_.find(id);
  if (it == accounts_.end()) return std::nullopt;
  return it->second.account;
}

FileStore::Entry& FileStore::entry(std::string_view id) {
  const auto it = accounts_.find(id);
  if (it == accounts_.end()) {
    throw std::runtime_error("log: a record names an unknown account '" + std::string(id) + "'");
  }
  return it->second;
}

}  // namespace archbench::lab01
