// Snapshots in a folder beside the file log: when one is taken, the two halves that make one,
// writing it atomically, and finding the newest valid one at start-up.
//
// Taking one at position P makes no thread wait for another. The command side encodes its
// LedgerState as it commits record P (under its lock: the state is then exactly the fold of
// records 1..P); the log's thread encodes the read model as it reports P durable (it is the
// read model's one writer: the model is then exactly at P). A thread of the snapshotter's own
// writes the file once both halves are in, so a snapshot only ever holds durable records.
//
// Files: DIR/snapshot-<position, 20 digits>.snap, written as a .tmp file, fsynced, renamed
// over, and the folder fsynced: a crash leaves the old snapshot or the new one, never half of
// one. The newest two are kept: the older one is the fallback if the newer will not read.
// A snapshot is an optimisation: one that cannot be written costs a longer start, nothing else
// (a line on stderr says why).
#pragma once

#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "event-driven/snapshots/snapshot_format.hpp"

namespace archbench::event_driven {

struct SnapshotOptions {
  std::filesystem::path dir;
  Position every = 0;  // take one at every position that is a multiple of this; 0: none
};

class Snapshotter {
 public:
  // Creates the folder if needed; removes .tmp files a crash left behind.
  explicit Snapshotter(SnapshotOptions options);
  ~Snapshotter();
  Snapshotter(const Snapshotter&) = delete;
  Snapshotter& operator=(const Snapshotter&) = delete;

  // ---- start-up
  // The newest snapshot that reads back whole, or nullopt. Each newer one that does not
  // (damaged, or of an unknown version) is ignored with a line on stderr saying why.
  [[nodiscard]] std::optional<Snapshot> load_newest() const;
  // Removes every snapshot of a position past `log_end`, with a line on stderr: the log's tail
  // was cut after they were taken, and they must never be taken for the records that will be
  // appended there anew.
  void discard_after(Position log_end) const;

  // ---- running: both halves of a snapshot at every due position
  [[nodiscard]] bool due(Position position) const {
    return options_.every != 0 && position % options_.every == 0;
  }
  void state_taken(Position position, std::string section);
  void read_model_taken(Position position, std::string section);
  // Writes the snapshot whose halves are both in, if any, and returns; halves still waiting
  // for their pair are dropped. No call after it.
  void stop();

  [[nodiscard]] Position last_written() const;
  [[nodiscard]] const std::filesystem::path& dir() const { return options_.dir; }

 private:
  struct Halves {
    std::optional<std::string> state;
    std::optional<std::string> read_model;
  };
  struct Ready {
    Position position = 0;
    Halves halves;
  };
  void pair_up(Position position);  // with mutex_ held
  void write_loop();
  void write(const Ready& snapshot);
  void keep_newest_two() const;

  SnapshotOptions options_;
  mutable std::mutex mutex_;  // guards the fields below
  std::condition_variable wake_;
  std::map<Position, Halves> waiting_;  // one half in, the other to come
  std::optional<Ready> ready_;          // both halves in, not yet written
  Position last_written_ = 0;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace archbench::event_driven
