// The event log in append-only segment files: what "durable" means on one machine.
//
// On disk, a folder of segments named by the position of their first record
// (00000000000000000001.seg, ...), each an 8-byte header ("ABEVLOG" + format version) and
// frames:
//
//   +----------------+----------------+---------------------------+
//   | length: u32 LE | crc32c: u32 LE | record: `length` bytes    |
//   +----------------+----------------+---------------------------+
//     crc32c covers the length bytes and the record, so a torn or bit-flipped length is caught
//     like a torn record.
//
// Writes go through one writer thread. The fsync policy says when a record counts as durable
// (and so when the client gets its 201):
//   always  every record is written and fdatasync'ed on its own before it is reported;
//   batch   group commit: the records that arrived while the previous write+fdatasync ran are
//           written with one write() and made durable by one fdatasync, then all reported;
//   never   written (to the page cache) and reported; a machine crash may lose them, a process
//           crash does not.
// Recovery (replay()): every frame is checked; at the first torn or corrupt one, the rest of
// the log is cut (the file truncated there, later segments removed), a line on stderr says
// what was cut, and the records before the damage are exactly what the log holds.
// replay_after(n) (start-up from a snapshot at n) does not read the segments that hold only
// records up to n: their names say where each starts. From the segment holding n+1 on, every
// frame is checked as above.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "event-driven/log/event_log.hpp"

namespace archbench::event_driven {

enum class FsyncPolicy { always, batch, never };

// "always" -> FsyncPolicy::always, ...; throws std::invalid_argument for anything else.
[[nodiscard]] FsyncPolicy parse_fsync_policy(std::string_view text);
[[nodiscard]] std::string_view to_string(FsyncPolicy policy);

struct FileLogOptions {
  std::filesystem::path dir;
  FsyncPolicy fsync = FsyncPolicy::batch;
  std::uint64_t segment_bytes = std::uint64_t{64} << 20;  // roll to a new segment past this
};

// What replay() found and did.
struct RecoveryReport {
  Position records = 0;         // complete records kept
  std::uint64_t bytes_cut = 0;  // damaged or incomplete bytes removed from the end
  std::string damage;           // "" when the log was clean, else what was wrong and where
};

class FileLog final : public EventLog {
 public:
  // Largest record accepted: a length above it in a frame is damage, not a record.
  static constexpr std::uint32_t kMaxRecordBytes = std::uint32_t{64} << 20;

  // Creates the folder if needed. Throws std::runtime_error (with the path and errno text)
  // when it cannot be created or read.
  explicit FileLog(FileLogOptions options);
  ~FileLog() override;

  Position replay_after(Position after, const Visit& visit) override;
  void start(Listener& listener) override;
  Position append(std::string record) override;
  void stop() override;
  [[nodiscard]] std::string describe() const override;

  [[nodiscard]] const RecoveryReport& recovery() const { return recovery_; }

  // Counters for the group-commit measurement: records per fdatasync is the point of batch.
  struct Stats {
    std::uint64_t records = 0;
    std::uint64_t writes = 0;
    std::uint64_t syncs = 0;
  };
  [[nodiscard]] Stats stats() const;

 private:
  struct Segment {
    Position first = 0;
    std::filesystem::path path;
  };
  std::vector<Segment> list_segments() const;
  void cut_from(const std::vector<Segment>& segments, std::size_t index, std::uint64_t offset,
                std::string damage, std::uint64_t bytes_cut);
  void open_for_append(Position next);
  void roll_segment(Position next);
  void write_loop();
  void write_batch(std::vector<std::string>& batch, Position first);
  bool write_frames(const std::vector<std::string>& batch, std::size_t begin, std::size_t end);
  bool sync();
  void fail(Position first_lost, const std::string& why);
  void sync_dir() const;

  FileLogOptions options_;
  RecoveryReport recovery_;
  int fd_ = -1;                     // the segment being appended to
  std::uint64_t segment_size_ = 0;  // its size in bytes
  Listener* listener_ = nullptr;

  mutable std::mutex mutex_;  // guards the fields below
  std::condition_variable wake_;
  std::vector<std::string> pending_;  // appended, not yet taken by the writer thread
  Position appended_ = 0;             // position of the last record appended
  bool stopping_ = false;
  bool failed_ = false;
  Stats stats_;

  std::thread writer_;
};

}  // namespace archbench::event_driven
