// The file log after damage: a torn tail at every byte of the last record, a flipped byte, junk
// appended, a segment cut inside its header, damage in an earlier segment. Each restart keeps
// exactly the complete records before the damage, says what it cut, never crashes, and a
// record appended after the cut survives the next restart (nothing stranded behind a bad
// frame). Also: what the fsync policies promise about how many records share an fdatasync.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "common/testing/temp_dir.hpp"
#include "event-driven/log/file_log.hpp"
#include "event-driven/tests/log_listener.hpp"

namespace archbench::event_driven {
namespace {

namespace fs = std::filesystem;
using archbench::testing::TempDir;
using testing::RecordingListener;

const std::vector<std::string>& records() {
  static const std::vector<std::string> kRecords{"first record", "second, longer record", "third"};
  return kRecords;
}

// Writes `contents` as a fresh log in `dir` and returns the segment files it made.
std::vector<fs::path> write_log(const fs::path& dir, const std::vector<std::string>& contents,
                                std::uint64_t segment_bytes = std::uint64_t{64} << 20) {
  FileLog log({.dir = dir, .fsync = FsyncPolicy::never, .segment_bytes = segment_bytes});
  log.replay([](std::string_view) {});
  RecordingListener listener;
  log.start(listener);
  std::size_t written = 0;
  for (const auto& record : contents) {
    log.append(record);
    // One record per write, so that segment rolls happen between records deterministically.
    EXPECT_TRUE(listener.wait_for(++written));
  }
  log.stop();
  std::vector<fs::path> segments;
  for (const auto& entry : fs::directory_iterator(dir)) segments.push_back(entry.path());
  std::sort(segments.begin(), segments.end());
  return segments;
}

struct Reopened {
  std::vector<std::string> records;
  RecoveryReport report;
};

Reopened reopen(const fs::path& dir) {
  FileLog log({.dir = dir, .fsync = FsyncPolicy::always});
  Reopened result;
  log.replay([&](std::string_view record) { result.records.emplace_back(record); });
  result.report = log.recovery();
  return result;
}

// After a cut, a new record must land after the kept ones and survive the next restart.
void expect_appends_after_the_cut(const fs::path& dir, std::vector<std::string> kept) {
  {
    FileLog log({.dir = dir, .fsync = FsyncPolicy::always});
    log.replay([](std::string_view) {});
    RecordingListener listener;
    log.start(listener);
    EXPECT_EQ(log.append("after the cut"), kept.size() + 1);
    log.stop();
  }
  kept.emplace_back("after the cut");
  const Reopened again = reopen(dir);
  EXPECT_EQ(again.records, kept);
  EXPECT_TRUE(again.report.damage.empty()) << again.report.damage;
}

void copy_dir(const fs::path& from, const fs::path& to) {
  fs::remove_all(to);
  fs::copy(from, to, fs::copy_options::recursive);
}

TEST(FileLogRecovery, ACleanLogReopensWithEveryRecordAndNoDamage) {
  TempDir tmp;
  write_log(tmp.path() / "log", records());
  const Reopened log = reopen(tmp.path() / "log");
  EXPECT_EQ(log.records, records());
  EXPECT_TRUE(log.report.damage.empty());
  EXPECT_EQ(log.report.bytes_cut, 0U);
}

TEST(FileLogRecovery, ATornTailAtEveryByteOfTheLastRecordKeepsExactlyTheOthers) {
  TempDir tmp;
  const fs::path original = tmp.path() / "original";
  const fs::path segment = write_log(original, records()).at(0);
  const auto full = fs::file_size(segment);
  const auto last_frame = 8 + records().back().size();
  const std::vector<std::string> kept(records().begin(), records().end() - 1);
  for (auto size = full - last_frame; size < full; ++size) {
    SCOPED_TRACE("segment cut to " + std::to_string(size) + " of " + std::to_string(full));
    const fs::path dir = tmp.path() / "torn";
    copy_dir(original, dir);
    fs::resize_file(dir / segment.filename(), size);
    const Reopened log = reopen(dir);
    EXPECT_EQ(log.records, kept);
    EXPECT_EQ(log.report.bytes_cut, size - (full - last_frame));
    EXPECT_EQ(log.report.damage.empty(), size == full - last_frame);
    expect_appends_after_the_cut(dir, kept);
  }
}

TEST(FileLogRecovery, AFlippedByteAnywhereInTheLastFrameCutsThatRecordOnly) {
  TempDir tmp;
  const fs::path original = tmp.path() / "original";
  const fs::path segment = write_log(original, records()).at(0);
  const auto full = fs::file_size(segment);
  const auto last_frame = 8 + records().back().size();
  const std::vector<std::string> kept(records().begin(), records().end() - 1);
  for (auto offset = full - last_frame; offset < full; ++offset) {
    SCOPED_TRACE("byte " + std::to_string(offset) + " flipped");
    const fs::path dir = tmp.path() / "flipped";
    copy_dir(original, dir);
    std::fstream file(dir / segment.filename(), std::ios::in | std::ios::out | std::ios::binary);
    file.seekg(static_cast<std::streamoff>(offset));
    const char byte = static_cast<char>(file.get());
    file.seekp(static_cast<std::streamoff>(offset));
    file.put(static_cast<char>(byte ^ 0x10));
    file.close();
    const Reopened log = reopen(dir);
    EXPECT_EQ(log.records, kept);
    EXPECT_FALSE(log.report.damage.empty());
    expect_appends_after_the_cut(dir, kept);
  }
}

TEST(FileLogRecovery, JunkAfterTheLastRecordIsCutAndReported) {
  TempDir tmp;
  const fs::path dir = tmp.path() / "log";
  const fs::path segment = write_log(dir, records()).at(0);
  {
    std::ofstream junk(segment, std::ios::app | std::ios::binary);
    junk << "\x05\x00\x00\x00garbage that is not a frame";
  }
  const Reopened log = reopen(dir);
  EXPECT_EQ(log.records, records());
  EXPECT_GT(log.report.bytes_cut, 0U);
  EXPECT_NE(log.report.damage.find(segment.filename().string()), std::string::npos)
      << log.report.damage;
  expect_appends_after_the_cut(dir, records());
}

TEST(FileLogRecovery, ASegmentCutInsideItsHeaderIsStartedAnew) {
  TempDir tmp;
  const fs::path dir = tmp.path() / "log";
  const fs::path segment = write_log(dir, records()).at(0);
  fs::resize_file(segment, 3);
  const Reopened log = reopen(dir);
  EXPECT_TRUE(log.records.empty());
  EXPECT_FALSE(log.report.damage.empty());
  expect_appends_after_the_cut(dir, {});
}

TEST(FileLogRecovery, RecordsSpanSegmentsAndDamageInAnEarlierOneCutsEverythingAfterIt) {
  TempDir tmp;
  const fs::path dir = tmp.path() / "log";
  std::vector<std::string> many;
  for (int i = 0; i < 12; ++i) many.push_back("record number " + std::to_string(i));
  const auto segments = write_log(dir, many, /*segment_bytes=*/64);
  ASSERT_GE(segments.size(), 3U) << "small segments should have rolled";
  EXPECT_EQ(reopen(dir).records, many);

  // Damage the last byte of the second segment: its last record and every later one go.
  const auto size = fs::file_size(segments[1]);
  fs::resize_file(segments[1], size - 1);
  const Reopened log = reopen(dir);
  ASSERT_LT(log.records.size(), many.size());
  EXPECT_EQ(log.records,
            std::vector<std::string>(
                many.begin(), many.begin() + static_cast<std::ptrdiff_t>(log.records.size())));
  EXPECT_FALSE(fs::exists(segments[2])) << "a segment after the damage was kept";
  expect_appends_after_the_cut(dir, log.records);
}

// Start-up from a snapshot reads only the segments that hold records after it: damage in a
// segment wholly before the position goes unread (a full replay would cut the log there), and
// positions still count right across the skipped segments.
TEST(FileLogRecovery, ReplayAfterAPositionSkipsTheSegmentsWhollyBeforeIt) {
  TempDir tmp;
  const fs::path dir = tmp.path() / "log";
  std::vector<std::string> many(12);
  for (std::size_t i = 0; i < many.size(); ++i) many[i] = "record number " + std::to_string(i);
  const auto segments = write_log(dir, many, /*segment_bytes=*/64);
  ASSERT_GE(segments.size(), 3U) << "small segments should have rolled";
  fs::resize_file(segments[0], fs::file_size(segments[0]) - 1);  // damage in the first one
  const Position second = std::stoull(segments[1].filename().string());
  std::vector<std::string> visited;
  {
    FileLog log({.dir = dir, .fsync = FsyncPolicy::never});
    EXPECT_EQ(log.replay_after(second - 1, [&](std::string_view r) { visited.emplace_back(r); }),
              many.size());
    EXPECT_TRUE(log.recovery().damage.empty()) << "a skipped segment was read";
  }
  EXPECT_EQ(visited, std::vector<std::string>(
                         many.begin() + static_cast<std::ptrdiff_t>(second - 1), many.end()));
  // The full replay reads the first segment, finds the damage and cuts there.
  EXPECT_LT(reopen(dir).records.size(), second - 1);
}

// Group commit: records appended while a write+fdatasync is in flight share the next one.
// The listener holds the writer on record 1 until 50 more are queued, so this is exact.
TEST(FileLogFsync, BatchMakesTheRecordsQueuedDuringOneSyncShareTheNext) {
  TempDir tmp;
  FileLog log({.dir = tmp.path() / "log", .fsync = FsyncPolicy::batch});
  log.replay([](std::string_view) {});
  RecordingListener listener;
  std::atomic<bool> release{false};
  listener.before_each = [&](Position position) {
    while (position == 1 && !release) std::this_thread::yield();
  };
  log.start(listener);
  log.append("one");
  while (log.stats().syncs == 0) std::this_thread::yield();  // record 1 is being reported
  for (int i = 0; i < 50; ++i) log.append("queued " + std::to_string(i));
  release = true;
  log.stop();
  EXPECT_EQ(listener.snapshot().size(), 51U);
  EXPECT_EQ(log.stats().syncs, 2U);
  EXPECT_EQ(log.stats().writes, 2U);
}

TEST(FileLogFsync, AlwaysSyncsEveryRecordOnItsOwn) {
  TempDir tmp;
  FileLog log({.dir = tmp.path() / "log", .fsync = FsyncPolicy::always});
  log.replay([](std::string_view) {});
  RecordingListener listener;
  log.start(listener);
  for (int i = 0; i < 20; ++i) log.append("record " + std::to_string(i));
  log.stop();
  EXPECT_EQ(log.stats().records, 20U);
  EXPECT_EQ(log.stats().syncs, 20U);
}

TEST(FileLogFsync, NeverSyncsNothing) {
  TempDir tmp;
  FileLog log({.dir = tmp.path() / "log", .fsync = FsyncPolicy::never});
  log.replay([](std::string_view) {});
  RecordingListener listener;
  log.start(listener);
  for (int i = 0; i < 20; ++i) log.append("record " + std::to_string(i));
  log.stop();
  EXPECT_EQ(log.stats().records, 20U);
  EXPECT_EQ(log.stats().syncs, 0U);
}

}  // namespace
}  // namespace archbench::event_driven
