// Lab 01: a driven adapter of your own. FileStore keeps the ledger in one append-only file:
// every change is appended to the log as a record (log_format.hpp), each commit as one frame,
// and opening the file replays the log into memory, where every read is answered.
//
// It implements the hexagon's LedgerStore port (patterns/hexagonal/ports/ledger_store.hpp), so
// the ledger's use cases (application::Ledger) run on it unchanged; the tests hold it to the
// same contract as the memory, SQLite and Redis stores. Write it in starter/file_store.cpp.
#pragma once

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hexagonal/ports/ledger_store.hpp"

namespace archbench::lab01 {

namespace domain = hexagonal::domain;
namespace ports = hexagonal::ports;

// How far a commit pushes its bytes before atomically() returns.
enum class Sync {
  none,   // write(2): safe when the process crashes, not when the machine loses power
  fsync,  // write(2) then fsync(2): safe from a power cut too, and much slower (measure it)
};

class FileStore final : public ports::LedgerStore {
 public:
  // Opens the log at `path` (created if missing) and replays it into memory.
  explicit FileStore(std::filesystem::path path, Sync sync = Sync::none);
  ~FileStore() override;
  FileStore(const FileStore&) = delete;
  FileStore& operator=(const FileStore&) = delete;

  void add_account(const domain::Account& account) override;
  [[nodiscard]] std::optional<domain::Account> find_account(std::string_view id) override;
  [[nodiscard]] std::optional<std::vector<domain::Transaction>> recent_transactions(
      std::string_view account_id, int limit) override;
  void atomically(const Work& work) override;

  // Given, not part of the lab: the port's start-up query for sequential ids (see
  // patterns/hexagonal/ports/ledger_store.hpp), answered from the maps replay() filled.
  [[nodiscard]] std::uint64_t highest_id_number(std::string_view prefix) override {
    const std::lock_guard lock(mutex_);
    std::uint64_t highest = 0;
    for (const auto& [id, entry] : accounts_) {
      highest = std::max(highest, ports::id_number(id, prefix).value_or(0));
      for (const auto& line : entry.history) {
        highest = std::max(highest, ports::id_number(line.id, prefix).value_or(0));
      }
    }
    return highest;
  }

 private:
  class Unit;  // the UnitOfWork, defined in file_store.cpp

  struct Entry {
    domain::Account account;
    std::vector<domain::Transaction> history;  // oldest first
  };

  // Reads the log and apply()s each whole frame; deals with a torn last frame.
  void replay();
  // Applies one frame's records to the maps below. Used by replay() and by every commit, so
  // memory always equals what replaying the log would give.
  void apply(std::string_view payload);
  // Appends frame(payload) to the log with one write, then syncs as `sync_` says.
  void append(std::string_view payload);
  // Helpers for the calls above, with mutex_ held.
  [[nodiscard]] std::optional<domain::Account> find_account_locked(std::string_view id) const;
  Entry& entry(std::string_view id);  // throws if there is no such account

  std::filesystem::path path_;
  Sync sync_;
  int fd_ = -1;       // the log, opened for appending
  std::mutex mutex_;  // guards the log and the maps

  std::map<std::string, Entry, std::less<>> accounts_;  // by id; less<> finds by string_view
  std::map<std::pair<domain::Operation, std::string>, domain::IdempotencyRecord> records_;
};

}  // namespace archbench::lab01
