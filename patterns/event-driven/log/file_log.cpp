// The file log: recovery scan, the writer thread and its fsync policies (see file_log.hpp).
#include "event-driven/log/file_log.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include "event-driven/log/crc32c.hpp"
#include "event-driven/log/whole_file.hpp"

namespace archbench::event_driven {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSegmentHeader{"ABEVLOG\x01", 8};
constexpr std::size_t kFrameHeader = 8;  // length + crc32c
constexpr std::string_view kSegmentSuffix = ".seg";

std::runtime_error io_error(const std::string& what, const fs::path& path, int error = errno) {
  return std::runtime_error(what + " " + path.string() + ": " +
                            std::generic_category().message(error));
}

std::uint32_t load_u32(const char* p) {
  std::uint32_t value;
  std::memcpy(&value, p, sizeof value);
  return value;
}

void append_u32(std::string& out, std::uint32_t value) {
  char bytes[4];
  std::memcpy(bytes, &value, sizeof bytes);
  out.append(bytes, sizeof bytes);
}

// The frame of one record: length, crc32c(length bytes + record), record.
void append_frame(std::string& out, std::string_view record) {
  std::string length;
  append_u32(length, static_cast<std::uint32_t>(record.size()));
  out += length;
  append_u32(out, crc32c(record, crc32c(length)));
  out += record;
}

// Writes all of `bytes`, through short writes and EINTR. False with errno set on failure.
bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

std::string segment_name(Position first) {
  char name[32];
  std::snprintf(name, sizeof name, "%020llu", static_cast<unsigned long long>(first));
  return std::string(name) + std::string(kSegmentSuffix);
}

// Where the first damaged frame of a segment starts (or its size when clean), counting the
// complete records before it and handing each to `visit`.
struct Scan {
  std::uint64_t good_bytes = 0;
  std::string damage;  // empty when the whole segment is good
};

// Records up to `after` are checked and counted but not visited.
Scan scan_segment(std::string_view bytes, Position& records, Position after,
                  const EventLog::Visit& visit) {
  if (bytes.size() < kSegmentHeader.size()) return {0, "a segment header cut short"};
  if (bytes.substr(0, kSegmentHeader.size()) != kSegmentHeader) {
    return {0, "not an archbench event log segment (or a newer format)"};
  }
  std::uint64_t offset = kSegmentHeader.size();
  while (offset < bytes.size()) {
    if (bytes.size() - offset < kFrameHeader) return {offset, "a frame header cut short"};
    const std::uint32_t length = load_u32(bytes.data() + offset);
    if (length > FileLog::kMaxRecordBytes) return {offset, "a frame length out of range"};
    if (bytes.size() - offset - kFrameHeader < length) return {offset, "a record cut short"};
    const std::string_view length_bytes = bytes.substr(offset, 4);
    const std::string_view record = bytes.substr(offset + kFrameHeader, length);
    if (crc32c(record, crc32c(length_bytes)) != load_u32(bytes.data() + offset + 4)) {
      return {offset, "a checksum mismatch"};
    }
    if (++records > after) visit(record);
    offset += kFrameHeader + length;
  }
  return {offset, ""};
}

}  // namespace

FsyncPolicy parse_fsync_policy(std::string_view text) {
  if (text == "always") return FsyncPolicy::always;
  if (text == "batch") return FsyncPolicy::batch;
  if (text == "never") return FsyncPolicy::never;
  throw std::invalid_argument("fsync policy must be always, batch or never, not '" +
                              std::string(text) + "'");
}

std::string_view to_string(FsyncPolicy policy) {
  switch (policy) {
    case FsyncPolicy::always:
      return "always";
    case FsyncPolicy::batch:
      return "batch";
    case FsyncPolicy::never:
      return "never";
  }
  return "?";
}

FileLog::FileLog(FileLogOptions options) : options_(std::move(options)) {
  std::error_code error;
  fs::create_directories(options_.dir, error);
  if (error) {
    throw std::runtime_error("cannot create event log folder " + options_.dir.string() + ": " +
                             error.message());
  }
}

FileLog::~FileLog() {
  stop();
  if (fd_ >= 0) ::close(fd_);
}

std::string FileLog::describe() const {
  return "file:" + options_.dir.string() + " (fsync " + std::string(to_string(options_.fsync)) +
         ")";
}

auto FileLog::list_segments() const -> std::vector<Segment> {
  std::vector<Segment> segments;
  for (const auto& entry : fs::directory_iterator(options_.dir)) {
    const std::string name = entry.path().filename().string();
    if (!name.ends_with(kSegmentSuffix)) continue;
    try {
      segments.push_back(
          {std::stoull(name.substr(0, name.size() - kSegmentSuffix.size())), entry.path()});
    } catch (const std::exception&) {
      continue;  // not one of ours
    }
  }
  std::sort(segments.begin(), segments.end(),
            [](const Segment& a, const Segment& b) { return a.first < b.first; });
  return segments;
}

Position FileLog::replay_after(Position after, const Visit& visit) {
  recovery_ = {};
  const std::vector<Segment> segments = list_segments();
  // Segments followed by one that starts at or before after+1 hold nothing to visit: skipped
  // unread. The last segment is always read, it is where a torn tail would be.
  std::size_t first_read = 0;
  while (first_read + 1 < segments.size() && segments[first_read + 1].first <= after + 1) {
    ++first_read;
  }
  Position records = first_read == 0 ? 0 : segments[first_read].first - 1;
  for (std::size_t i = first_read; i < segments.size(); ++i) {
    if (segments[i].first != records + 1) {
      // Not a log this code wrote (segments only ever start where the previous one ended):
      // refuse it rather than number its records wrongly.
      throw std::runtime_error("event log segment " + segments[i].path.string() +
                               " should start at record " + std::to_string(records + 1));
    }
    const std::string bytes = read_whole_file(segments[i].path);
    const Scan scan = scan_segment(bytes, records, after, visit);
    if (!scan.damage.empty()) {
      std::uint64_t cut = bytes.size() - scan.good_bytes;
      for (std::size_t later = i + 1; later < segments.size(); ++later) {
        cut += fs::file_size(segments[later].path);
      }
      cut_from(segments, i, scan.good_bytes,
               scan.damage + " at byte " + std::to_string(scan.good_bytes) + " of " +
                   segments[i].path.filename().string(),
               cut);
      break;
    }
  }
  recovery_.records = records;
  appended_ = records;  // positions continue after the replayed records
  if (!recovery_.damage.empty()) {
    std::fprintf(stderr, "event log %s: cut %llu bytes after %llu complete records: %s\n",
                 options_.dir.c_str(), static_cast<unsigned long long>(recovery_.bytes_cut),
                 static_cast<unsigned long long>(records), recovery_.damage.c_str());
  }
  open_for_append(records + 1);
  return records;
}

// Removes everything from byte `offset` of segments[index] on: what follows damage cannot be
// trusted, and must not be read past once new records are appended after the cut.
void FileLog::cut_from(const std::vector<Segment>& segments, std::size_t index,
                       std::uint64_t offset, std::string damage, std::uint64_t bytes_cut) {
  for (std::size_t later = segments.size(); later-- > index + 1;) {
    fs::remove(segments[later].path);
  }
  if (offset < kSegmentHeader.size()) {
    fs::remove(segments[index].path);  // not even a header: open_for_append starts it anew
  } else if (::truncate(segments[index].path.c_str(), static_cast<off_t>(offset)) != 0) {
    throw io_error("cannot cut the damaged end of", segments[index].path);
  }
  sync_dir();
  recovery_.damage = std::move(damage);
  recovery_.bytes_cut = bytes_cut;
}

void FileLog::open_for_append(Position next) {
  if (fd_ >= 0) ::close(fd_);  // replayed again, from the start (see event_log.hpp)
  fd_ = -1;
  const std::vector<Segment> segments = list_segments();
  if (segments.empty()) {
    roll_segment(next);
    return;
  }
  const fs::path& path = segments.back().path;
  fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd_ < 0) throw io_error("cannot open event log segment", path);
  segment_size_ = fs::file_size(path);
}

// Starts a new segment whose first record will be `next`, header written and made durable
// (file and folder entry) before any record goes into it.
void FileLog::roll_segment(Position next) {
  if (fd_ >= 0) {
    if (options_.fsync != FsyncPolicy::never) ::fdatasync(fd_);
    ::close(fd_);
  }
  const fs::path path = options_.dir / segment_name(next);
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) throw io_error("cannot create event log segment", path);
  if (!write_all(fd_, kSegmentHeader) || ::fsync(fd_) != 0) {
    throw io_error("cannot write the header of", path);
  }
  sync_dir();
  segment_size_ = kSegmentHeader.size();
}

void FileLog::sync_dir() const {
  const int dir = ::open(options_.dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return;
  ::fsync(dir);
  ::close(dir);
}

void FileLog::start(Listener& listener) {
  if (fd_ < 0) throw std::logic_error("FileLog::start before replay()");
  listener_ = &listener;
  writer_ = std::thread([this] { write_loop(); });
}

Position FileLog::append(std::string record) {
  const std::lock_guard lock(mutex_);
  pending_.push_back(std::move(record));
  ++appended_;
  wake_.notify_one();
  return appended_;
}

void FileLog::stop() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (writer_.joinable()) writer_.join();
}

FileLog::Stats FileLog::stats() const {
  const std::lock_guard lock(mutex_);
  return stats_;
}

// The writer thread: takes whatever was appended since its last round, makes it durable by
// the policy, reports it. Records that arrive during a round wait for the next one: with
// `batch`, that is the group commit.
void FileLog::write_loop() {
  Position next = recovery_.records + 1;
  std::vector<std::string> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return !pending_.empty() || stopping_; });
      if (pending_.empty()) return;  // stopping, and everything is written
      batch.swap(pending_);
    }
    write_batch(batch, next);
    next += batch.size();
    batch.clear();
  }
}

void FileLog::write_batch(std::vector<std::string>& batch, Position first) {
  if (failed_) return;  // after a failure nothing more is ever reported durable
  const bool one_by_one = options_.fsync == FsyncPolicy::always;
  std::size_t begin = 0;
  while (begin < batch.size()) {
    const std::size_t end = one_by_one ? begin + 1 : batch.size();
    // Segments roll between writes, never inside one, so a failed write only ever has to be
    // taken back from the one file it went to. A segment may pass its size by one batch.
    if (segment_size_ >= options_.segment_bytes) {
      try {
        roll_segment(first + begin);
      } catch (const std::exception& error) {
        fail(first + begin, error.what());
        return;
      }
    }
    const auto before = static_cast<off_t>(segment_size_);
    if (!write_frames(batch, begin, end) || (options_.fsync != FsyncPolicy::never && !sync())) {
      const std::string why = std::generic_category().message(errno);
      // Take back what may have reached the file: the client is told the write failed, so it
      // must not reappear after a restart. Best effort; recovery cuts any partial frame anyway.
      if (::ftruncate(fd_, before) == 0) ::fdatasync(fd_);
      segment_size_ = static_cast<std::uint64_t>(before);
      fail(first + begin, "cannot write the event log: " + why);
      return;
    }
    for (std::size_t i = begin; i < end; ++i) listener_->on_durable(first + i, batch[i]);
    begin = end;
  }
}

bool FileLog::write_frames(const std::vector<std::string>& batch, std::size_t begin,
                           std::size_t end) {
  std::string frames;
  for (std::size_t i = begin; i < end; ++i) append_frame(frames, batch[i]);
  if (!write_all(fd_, frames)) return false;
  segment_size_ += frames.size();
  const std::lock_guard lock(mutex_);
  stats_.records += end - begin;
  ++stats_.writes;
  return true;
}

bool FileLog::sync() {
  if (::fdatasync(fd_) != 0) return false;
  const std::lock_guard lock(mutex_);
  ++stats_.syncs;
  return true;
}

void FileLog::fail(Position first_lost, const std::string& why) {
  {
    const std::lock_guard lock(mutex_);
    failed_ = true;
  }
  std::fprintf(stderr, "event log %s: %s; no further write is acknowledged\n", options_.dir.c_str(),
               why.c_str());
  listener_->on_failed(first_lost, why);
}

}  // namespace archbench::event_driven
