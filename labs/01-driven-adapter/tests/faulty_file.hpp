// Lab 01: the tests' LogFile. It appends to the real file, and on demand makes writes short,
// interrupted or failing, fsync and ftruncate failing, while it counts what the store asked for.
//
//   Faults faults;
//   FileStore store(path, Sync::fsync, std::make_unique<FaultyFile>(path, faults));
//   faults.fail_after = 10;   // the next writes put 10 more bytes in the file, then EFBIG
//
// fsync is counted, not forwarded: the tests check that the store asks for it at the right
// moment, and a test run should not wait for the disk.
#pragma once

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>

#include "log_file.hpp"

namespace archbench::lab01 {

struct Faults {
  // What goes wrong (set by the test, in effect until changed).
  std::size_t max_chunk = 0;              // > 0: each write writes at most this many bytes
  int interruptions = 0;                  // the next N writes fail with EINTR, writing nothing
  std::optional<std::size_t> fail_after;  // writes this many more bytes, then fail with `error`
  int error = EFBIG;
  int fsync_error = 0;     // != 0: every fsync fails with it
  int truncate_error = 0;  // != 0: every truncate fails with it

  // What the store did.
  int writes = 0;
  int fsyncs = 0;
  int truncates = 0;
  std::uint64_t bytes = 0;           // written through this file
  std::uint64_t bytes_at_fsync = 0;  // `bytes` when fsync was last called

  // Everything works again.
  void heal() {
    max_chunk = 0;
    interruptions = 0;
    fail_after.reset();
    fsync_error = 0;
    truncate_error = 0;
  }
};

class FaultyFile final : public LogFile {
 public:
  FaultyFile(const std::filesystem::path& path, Faults& faults)
      : real_(PosixLogFile::open(path)), faults_(faults) {}

  ssize_t write(const char* data, std::size_t size) override {
    ++faults_.writes;
    if (faults_.interruptions > 0) {
      --faults_.interruptions;
      errno = EINTR;
      return -1;
    }
    if (faults_.max_chunk > 0) size = std::min(size, faults_.max_chunk);
    if (faults_.fail_after) {
      if (*faults_.fail_after == 0 && size > 0) {
        errno = faults_.error;
        return -1;
      }
      size = std::min(size, *faults_.fail_after);
      *faults_.fail_after -= size;
    }
    const ssize_t written = real_->write(data, size);
    if (written > 0) faults_.bytes += static_cast<std::uint64_t>(written);
    return written;
  }

  int fsync() override {
    ++faults_.fsyncs;
    faults_.bytes_at_fsync = faults_.bytes;
    if (faults_.fsync_error != 0) {
      errno = faults_.fsync_error;
      return -1;
    }
    return 0;
  }

  int truncate(std::uint64_t size) override {
    ++faults_.truncates;
    if (faults_.truncate_error != 0) {
      errno = faults_.truncate_error;
      return -1;
    }
    return real_->truncate(size);
  }

 private:
  std::unique_ptr<LogFile> real_;
  Faults& faults_;
};

}  // namespace archbench::lab01
