// Lab 01, given: the file FileStore appends its log to, behind a small interface.
//
// FileStore never calls write(2) itself: it calls LogFile, whose three functions behave exactly
// like the system calls they wrap, short writes and EINTR included. PosixLogFile is the real
// one. The tests give the store a double (tests/faulty_file.hpp) that counts the fsyncs and
// makes writes short, interrupted or failing on demand: the failures a disk shows once a month,
// on every test run.
#pragma once

#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <system_error>

namespace archbench::lab01 {

class LogFile {
 public:
  LogFile() = default;
  virtual ~LogFile() = default;
  LogFile(const LogFile&) = delete;
  LogFile& operator=(const LogFile&) = delete;

  // As write(2) at the end of the file: how many bytes it wrote, which may be fewer than `size`
  // (a short write: the rest is still to be written), or -1 with errno set. errno == EINTR: a
  // signal came before anything was written; nothing happened. Anything else (EFBIG, ENOSPC,
  // EIO...): it failed, and an earlier call of the same append may have written part of it.
  [[nodiscard]] virtual ssize_t write(const char* data, std::size_t size) = 0;
  // As fsync(2): 0 once every byte written so far is on the disk, or -1 with errno set.
  [[nodiscard]] virtual int fsync() = 0;
  // As ftruncate(2): cuts the file to `size` bytes. 0, or -1 with errno set.
  [[nodiscard]] virtual int truncate(std::uint64_t size) = 0;
};

// The real file, opened for appending (created if missing).
class PosixLogFile final : public LogFile {
 public:
  static std::unique_ptr<LogFile> open(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "open " + path.string());
    return std::unique_ptr<LogFile>(new PosixLogFile(fd));
  }
  ~PosixLogFile() override { ::close(fd_); }

  ssize_t write(const char* data, std::size_t size) override { return ::write(fd_, data, size); }
  int fsync() override { return ::fsync(fd_); }
  int truncate(std::uint64_t size) override { return ::ftruncate(fd_, static_cast<off_t>(size)); }

 private:
  explicit PosixLogFile(int fd) noexcept : fd_(fd) {}
  int fd_;
};

}  // namespace archbench::lab01
