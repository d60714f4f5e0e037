// What only the JetStream adapter promises: a second writer on the same stream is refused by
// the server (optimistic concurrency on append), and the log fails instead of interleaving; a
// long stream is replayed whole.
#include "event-driven/log/nats_log.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "common/testing/nats_server.hpp"
#include "event-driven/tests/log_listener.hpp"

namespace archbench::event_driven {
namespace {

using testing::RecordingListener;

TEST(NatsLog, ASecondWriterThatMissedAnAppendIsRefusedByTheServer) {
  archbench::testing::NatsServer nats;
  NatsLog first({.url = nats.url()});
  first.replay([](std::string_view) {});
  RecordingListener first_listener;
  first.start(first_listener);
  first.append("one");
  ASSERT_TRUE(first_listener.wait_for(1));

  NatsLog second({.url = nats.url()});
  EXPECT_EQ(second.replay([](std::string_view) {}), 1U);
  RecordingListener second_listener;
  second.start(second_listener);

  first.append("two by the first writer");  // the stream moves on without `second` knowing
  ASSERT_TRUE(first_listener.wait_for(2));
  EXPECT_EQ(second.append("two by the second writer"), 2U);
  second.stop();
  EXPECT_EQ(second_listener.failed_at, 2U) << "the stale writer's append was not refused";
  EXPECT_TRUE(second_listener.snapshot().empty());
  first.stop();
}

// On a long stream the server runs ahead of the reader. With the NATS client's default
// pending limit (65,536 messages) the subscription was cut off as a slow consumer, and a
// backend could not start: event-log-bench's replay of 1,002,000 records stopped at 87,231 and
// 92,102. CI replays 70,000 records, just past that limit (which alone did not fail);
// ARCHBENCH_NATS_REPLAY_RECORDS=1000000 is the long run, which stops at 119,976 without the fix.
TEST(NatsLog, ALongStreamIsReplayedWhole) {
  const char* records_env = std::getenv("ARCHBENCH_NATS_REPLAY_RECORDS");
  const Position records = records_env != nullptr ? std::stoull(records_env) : 70'000;
  const auto record = [](Position i) { return std::string(80, 'x') + std::to_string(i); };
  archbench::testing::NatsServer nats;
  {
    NatsLog writer({.url = nats.url()});
    writer.replay([](std::string_view) {});
    RecordingListener listener;
    writer.start(listener);
    for (Position i = 1; i <= records; ++i) writer.append(record(i));
    writer.stop();
    ASSERT_EQ(listener.failed_at, 0U) << listener.failure;
  }
  NatsLog reader({.url = nats.url()});
  Position seen = 0;
  bool in_order = true;
  const Position total = reader.replay(
      [&](std::string_view visited) { in_order = in_order && visited == record(++seen); });
  EXPECT_EQ(total, records);
  EXPECT_EQ(seen, records);
  EXPECT_TRUE(in_order);
}

TEST(NatsLog, AnUnreachableServerIsAClearErrorAtStart) {
  int port = 0;
  {
    archbench::testing::NatsServer nats;
    port = nats.port();
  }  // stopped: nobody listens there now
  try {
    NatsLog log({.url = "nats://127.0.0.1:" + std::to_string(port)});
    FAIL() << "connected to a stopped server";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("cannot connect"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace archbench::event_driven
