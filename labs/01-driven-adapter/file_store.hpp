// Lab 01: a driven adapter of your own. FileStore keeps the ledger in one append-only file:
// every change is appended to the log as a record (log_format.hpp), each commit as one frame,
// and opening the file replays the log into memory, where every read is answered.
//
// It implements the hexagon's LedgerStore port (patterns/hexagonal/ports/ledger_store.hpp), so
// the ledger's use cases (application::Ledger) run on it unchanged; the tests hold it to the
// same contract as the memory, SQLite and Redis stores, and then to what a log must survive.
//
// You write it in starter/: file_store.cpp (opening, reads), commit.cpp (units of work),
// append.cpp (the durable write) and replay.cpp (recovery). This header is the specification.
#pragma once

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hexagonal/ports/ledger_store.hpp"
#include "log_file.hpp"

namespace archbench::lab01 {

namespace domain = hexagonal::domain;
namespace ports = hexagonal::ports;

// How far a commit pushes its bytes before it returns.
enum class Sync {
  none,   // write(2): safe when the process crashes, not when the machine loses power
  fsync,  // write(2) then fsync(2): safe from a power cut too, and much slower (measure it)
};

// The rules FileStore keeps (the tests check each one):
//
//  1. One commit, one frame. add_account and every committed unit append exactly one frame,
//     whatever the number of records; a discarded unit (work returned false or threw) appends
//     nothing.
//  2. The log first. Memory changes only after the frame is entirely in the file (and on the
//     disk, under Sync::fsync): if the append fails, memory is as if the call never happened,
//     and the call throws std::system_error with the errno of the failure.
//  3. Every byte, whatever write(2) does: a short write continues where it stopped; EINTR is
//     tried again; under Sync::fsync, exactly one fsync per commit, after its last byte.
//  4. A failed append leaves no trace. If a write fails after part of the frame reached the
//     file, the file is cut back to where the frame started, so the next commit lands right
//     after the last good frame. If even that cut fails, the store refuses every later commit
//     (std::runtime_error): a frame behind the torn bytes would be lost on the next replay.
//  5. A write that names an unknown account is refused when it is made (std::invalid_argument,
//     from the UnitOfWork call): the unit fails, and no frame that cannot be replayed ever
//     reaches the log.
//  6. Opening replays every whole frame. A torn frame at the end (the process died mid-write)
//     is dropped whole and cut off the file. A whole frame that cannot be applied (a record it
//     cannot parse, an account nobody opened) is damage, not a crash: the constructor throws
//     std::runtime_error naming the frame's byte offset, and leaves the file as it found it.
//     Guessing with money is worse than stopping.
class FileStore final : public ports::LedgerStore {
 public:
  // Opens the log at `path` (created if missing) and replays it into memory. `file`, when
  // given, is where the store appends instead of the real file at `path` (the tests' double);
  // replay() still reads `path`.
  explicit FileStore(std::filesystem::path path, Sync sync = Sync::none,
                     std::unique_ptr<LogFile> file = nullptr);
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
  class Unit;  // the UnitOfWork, defined in commit.cpp

  struct Entry {
    domain::Account account;
    std::vector<domain::Transaction> history;  // oldest first
  };

  // replay.cpp: reads the log and apply()s each whole frame (rule 6).
  void replay();
  // replay.cpp: applies one frame's records to the maps below. Used by replay() and by every
  // commit, so memory always equals what replaying the log would give.
  void apply(std::string_view payload);
  // append.cpp: appends log::frame(payload) to file_, syncs as sync_ says (rules 2 to 4).
  void append(std::string_view payload);
  // Given helpers for the calls above, with mutex_ held.
  [[nodiscard]] std::optional<domain::Account> find_account_locked(std::string_view id) const;
  Entry& entry(std::string_view id);  // throws std::runtime_error if there is no such account

  std::filesystem::path path_;
  Sync sync_;
  std::unique_ptr<LogFile> file_;  // the log, opened for appending
  std::uint64_t log_size_ = 0;     // bytes of whole frames in the log: where the next one starts
  bool broken_ = false;            // a failed append could not be cut off (rule 4)
  std::mutex mutex_;               // guards everything above and the maps

  std::map<std::string, Entry, std::less<>> accounts_;  // by id; less<> finds by string_view
  std::map<std::pair<domain::Operation, std::string>, domain::IdempotencyRecord> records_;
};

}  // namespace archbench::lab01
