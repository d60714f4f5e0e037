// What only the JetStream adapter promises: a second writer on the same stream is refused by
// the server (optimistic concurrency on append), and the log fails instead of interleaving.
#include "event-driven/log/nats_log.hpp"

#include <gtest/gtest.h>

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
