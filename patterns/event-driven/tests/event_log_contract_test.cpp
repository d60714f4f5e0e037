// One contract, every event-log adapter (see log/event_log.hpp): positions, the order and
// exactly-once of durable reports, and, for the adapters that persist, replay after a restart.
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/testing/nats_server.hpp"
#include "common/testing/temp_dir.hpp"
#include "event-driven/log/file_log.hpp"
#include "event-driven/log/memory_log.hpp"
#include "event-driven/log/nats_log.hpp"
#include "event-driven/tests/log_listener.hpp"

namespace archbench::event_driven {
namespace {

using archbench::testing::TempDir;
using testing::RecordingListener;

struct Adapter {
  std::string name;
  bool persistent;
  // Opens the log kept in `dir` (ignored by adapters that keep nothing).
  std::function<std::unique_ptr<EventLog>(const TempDir& dir)> open;
};

void PrintTo(const Adapter& adapter, std::ostream* out) { *out << adapter.name; }

std::function<std::unique_ptr<EventLog>(const TempDir&)> file_log(FsyncPolicy fsync) {
  return [fsync](const TempDir& dir) -> std::unique_ptr<EventLog> {
    return std::make_unique<FileLog>(FileLogOptions{.dir = dir.path() / "log", .fsync = fsync});
  };
}

// JetStream: one nats-server per test (started lazily, so the other adapters never need one);
// a "restart" of the log is a new connection to the same server and stream.
std::unique_ptr<archbench::testing::NatsServer>& test_nats() {
  static std::unique_ptr<archbench::testing::NatsServer> server;
  return server;
}

std::unique_ptr<EventLog> nats_log(const TempDir&) {
  if (!test_nats()) test_nats() = std::make_unique<archbench::testing::NatsServer>();
  return std::make_unique<NatsLog>(NatsLogOptions{.url = test_nats()->url()});
}

class EventLogContract : public ::testing::TestWithParam<Adapter> {
 protected:
  void TearDown() override { test_nats().reset(); }

  std::unique_ptr<EventLog> open(std::function<void(std::string_view)> visit = {}) {
    auto log = GetParam().open(dir_);
    replayed_ = log->replay([&](std::string_view record) {
      if (visit) visit(record);
    });
    return log;
  }
  static std::string record(int i) {
    // Appended step by step: g++ 12 -O3 misreads `"..." + std::to_string(...)` (GCC bug 105329).
    std::string text = "record ";
    text.append(std::to_string(i)).append(static_cast<std::size_t>(i % 7), 'x');
    return text;
  }

  TempDir dir_;
  Position replayed_ = 0;
};

TEST_P(EventLogContract, PositionsCountFromOneAndEveryRecordIsReportedOnceInOrder) {
  auto log = open();
  RecordingListener listener;
  log->start(listener);
  for (int i = 1; i <= 50; ++i) EXPECT_EQ(log->append(record(i)), static_cast<Position>(i));
  ASSERT_TRUE(listener.wait_for(50));
  log->stop();
  const auto durable = listener.snapshot();
  ASSERT_EQ(durable.size(), 50U);
  for (int i = 1; i <= 50; ++i) {
    EXPECT_EQ(durable[i - 1].first, static_cast<Position>(i));
    EXPECT_EQ(durable[i - 1].second, record(i));
  }
}

TEST_P(EventLogContract, StopReportsEverythingAppendedBeforeIt) {
  auto log = open();
  RecordingListener listener;
  log->start(listener);
  for (int i = 1; i <= 200; ++i) log->append(record(i));
  log->stop();
  EXPECT_EQ(listener.snapshot().size(), 200U);
}

TEST_P(EventLogContract, AppendsSerialisedByTheCallerFromManyThreadsKeepTheirOrder) {
  auto log = open();
  RecordingListener listener;
  log->start(listener);
  std::mutex writer;  // the command side's lock: it orders appends
  std::vector<Position> positions;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        const std::lock_guard lock(writer);
        std::string text = "t";
        text.append(std::to_string(t)).append("-").append(std::to_string(i));
        positions.push_back(log->append(text));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  log->stop();
  const auto durable = listener.snapshot();
  ASSERT_EQ(durable.size(), 200U);
  for (std::size_t i = 0; i < durable.size(); ++i) EXPECT_EQ(durable[i].first, i + 1);
}

TEST_P(EventLogContract, ARestartReplaysEveryRecordInOrderAndContinuesThePositions) {
  if (!GetParam().persistent) GTEST_SKIP() << GetParam().name << " keeps nothing across restarts";
  {
    auto log = open();
    RecordingListener listener;
    log->start(listener);
    for (int i = 1; i <= 30; ++i) log->append(record(i));
    log->stop();
  }
  std::vector<std::string> replayed;
  auto log = open([&](std::string_view r) { replayed.emplace_back(r); });
  ASSERT_EQ(replayed_, 30U);
  for (int i = 1; i <= 30; ++i) EXPECT_EQ(replayed[i - 1], record(i));
  RecordingListener listener;
  log->start(listener);
  EXPECT_EQ(log->append(record(31)), 31U);
  log->stop();
  ASSERT_EQ(listener.snapshot().size(), 1U);
  EXPECT_EQ(listener.snapshot()[0].first, 31U);
}

// Start-up from a snapshot at n: replay_after(n) visits n+1.. only; one past the log's end
// visits nothing and says where the log ends; replay() from the start may follow, and appends
// continue after the last record.
TEST_P(EventLogContract, ReplayAfterAPositionVisitsOnlyTheRecordsAfterIt) {
  if (!GetParam().persistent) GTEST_SKIP() << GetParam().name << " keeps nothing across restarts";
  {
    auto log = open();
    RecordingListener listener;
    log->start(listener);
    for (int i = 1; i <= 20; ++i) log->append(record(i));
    log->stop();
  }
  for (const Position after : {Position{0}, Position{12}, Position{20}}) {
    SCOPED_TRACE("after " + std::to_string(after));
    auto log = GetParam().open(dir_);
    std::vector<std::string> visited;
    EXPECT_EQ(log->replay_after(after, [&](std::string_view r) { visited.emplace_back(r); }), 20U);
    ASSERT_EQ(visited.size(), 20 - after);
    for (std::size_t i = 0; i < visited.size(); ++i) {
      EXPECT_EQ(visited[i], record(static_cast<int>(after + 1 + i)));
    }
  }
  auto log = GetParam().open(dir_);
  std::size_t visited = 0;
  EXPECT_EQ(log->replay_after(25, [&](std::string_view) { ++visited; }), 20U);
  EXPECT_EQ(visited, 0U) << "a log that ends before the position visited records";
  EXPECT_EQ(log->replay([&](std::string_view) { ++visited; }), 20U);
  EXPECT_EQ(visited, 20U);
  RecordingListener listener;
  log->start(listener);
  EXPECT_EQ(log->append(record(21)), 21U);
  log->stop();
  ASSERT_EQ(listener.snapshot().size(), 1U);
  EXPECT_EQ(listener.snapshot()[0].first, 21U);
}

INSTANTIATE_TEST_SUITE_P(
    Adapters, EventLogContract,
    ::testing::Values(Adapter{"memory", false,
                              [](const TempDir&) -> std::unique_ptr<EventLog> {
                                return std::make_unique<MemoryLog>();
                              }},
                      Adapter{"file_always", true, file_log(FsyncPolicy::always)},
                      Adapter{"file_batch", true, file_log(FsyncPolicy::batch)},
                      Adapter{"file_never", true, file_log(FsyncPolicy::never)},
                      Adapter{"nats", true, nats_log}),
    [](const ::testing::TestParamInfo<Adapter>& adapter) { return adapter.param.name; });

}  // namespace
}  // namespace archbench::event_driven
