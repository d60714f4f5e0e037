// Taking, writing and finding snapshots: see snapshotter.hpp.
#include "event-driven/snapshots/snapshotter.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <iterator>
#include <stdexcept>
#include <system_error>
#include <vector>

#include "event-driven/events/bytes.hpp"
#include "event-driven/log/whole_file.hpp"

namespace archbench::event_driven {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kPrefix = "snapshot-";
constexpr std::string_view kSuffix = ".snap";
constexpr std::string_view kTemporary = ".tmp";

std::string file_name(Position position) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%020llu", static_cast<unsigned long long>(position));
  return std::string(kPrefix) + digits + std::string(kSuffix);
}

struct SnapshotFile {
  Position position = 0;
  fs::path path;
};

// The snapshot files in `dir`, newest first.
std::vector<SnapshotFile> list_snapshots(const fs::path& dir) {
  std::vector<SnapshotFile> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(kPrefix) || !name.ends_with(kSuffix)) continue;
    try {
      files.push_back({std::stoull(name.substr(kPrefix.size())), entry.path()});
    } catch (const std::exception&) {
      continue;  // not one of ours
    }
  }
  std::sort(files.begin(), files.end(),
            [](const SnapshotFile& a, const SnapshotFile& b) { return a.position > b.position; });
  return files;
}

// Writes `bytes` to `path` and fsyncs it; throws std::runtime_error saying what failed.
void write_durably(const fs::path& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    throw std::runtime_error("cannot create " + path.string() + ": " +
                             std::generic_category().message(errno));
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) {
      const int error = errno;
      ::close(fd);
      throw std::runtime_error("cannot write " + path.string() + ": " +
                               std::generic_category().message(error));
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  const bool synced = ::fsync(fd) == 0;
  const int error = errno;
  ::close(fd);
  if (!synced)
    throw std::runtime_error("cannot fsync " + path.string() + ": " +
                             std::generic_category().message(error));
}

void sync_dir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

Snapshotter::Snapshotter(SnapshotOptions options) : options_(std::move(options)) {
  std::error_code error;
  fs::create_directories(options_.dir, error);
  if (error) {
    throw std::runtime_error("cannot create snapshot folder " + options_.dir.string() + ": " +
                             error.message());
  }
  for (const auto& entry : fs::directory_iterator(options_.dir)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(kPrefix) && name.ends_with(kTemporary)) fs::remove(entry.path(), error);
  }
  writer_ = std::thread([this] { write_loop(); });
}

Snapshotter::~Snapshotter() { stop(); }

std::optional<Snapshot> Snapshotter::load_newest() const {
  for (const SnapshotFile& file : list_snapshots(options_.dir)) {
    try {
      Snapshot snapshot = decode_snapshot(read_whole_file(file.path));
      if (snapshot.position != file.position) {
        throw FormatError("holds position " + std::to_string(snapshot.position) +
                          ", not the one in its name");
      }
      return snapshot;
    } catch (const std::exception& error) {
      std::fprintf(stderr, "snapshot %s ignored: %s\n", file.path.c_str(), error.what());
    }
  }
  return std::nullopt;
}

void Snapshotter::discard_after(Position log_end) const {
  for (const SnapshotFile& file : list_snapshots(options_.dir)) {
    if (file.position <= log_end) break;
    std::fprintf(stderr,
                 "snapshot %s ignored and removed: it holds records up to %llu, the event log "
                 "ends at %llu\n",
                 file.path.c_str(), static_cast<unsigned long long>(file.position),
                 static_cast<unsigned long long>(log_end));
    std::error_code ignored;
    fs::remove(file.path, ignored);
  }
  sync_dir(options_.dir);
}

void Snapshotter::state_taken(Position position, std::string section) {
  const std::lock_guard lock(mutex_);
  waiting_[position].state = std::move(section);
  pair_up(position);
}

void Snapshotter::read_model_taken(Position position, std::string section) {
  const std::lock_guard lock(mutex_);
  waiting_[position].read_model = std::move(section);
  pair_up(position);
}

void Snapshotter::pair_up(Position position) {
  const auto it = waiting_.find(position);
  if (!it->second.state || !it->second.read_model) return;
  // A newer snapshot replaces one not yet written; halves older than it never pair up (their
  // log failed) and are dropped with it.
  ready_ = Ready{.position = position, .halves = std::move(it->second)};
  waiting_.erase(waiting_.begin(), std::next(it));
  wake_.notify_one();
}

void Snapshotter::stop() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (writer_.joinable()) writer_.join();
}

Position Snapshotter::last_written() const {
  const std::lock_guard lock(mutex_);
  return last_written_;
}

void Snapshotter::write_loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || ready_; });
    if (!ready_) return;  // stopping, and the last complete snapshot is written
    const Ready snapshot = std::move(*ready_);
    ready_.reset();
    lock.unlock();
    write(snapshot);
    lock.lock();
  }
}

void Snapshotter::write(const Ready& snapshot) {
  const fs::path path = options_.dir / file_name(snapshot.position);
  fs::path temporary = path;
  temporary += kTemporary;
  try {
    write_durably(temporary, encode_snapshot(snapshot.position, *snapshot.halves.state,
                                             *snapshot.halves.read_model));
    fs::rename(temporary, path);
    sync_dir(options_.dir);
    keep_newest_two();
  } catch (const std::exception& error) {
    std::fprintf(stderr, "snapshot at %llu not written: %s\n",
                 static_cast<unsigned long long>(snapshot.position), error.what());
    std::error_code ignored;
    fs::remove(temporary, ignored);
    return;
  }
  const std::lock_guard lock(mutex_);
  last_written_ = snapshot.position;
}

void Snapshotter::keep_newest_two() const {
  const std::vector<SnapshotFile> files = list_snapshots(options_.dir);
  std::error_code ignored;
  for (std::size_t i = 2; i < files.size(); ++i) fs::remove(files[i].path, ignored);
}

}  // namespace archbench::event_driven
