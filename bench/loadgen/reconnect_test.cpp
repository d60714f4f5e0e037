// Connections that end: a server that closes politely ("Connection: close") costs a reconnect
// and nothing else; a server that drops connections mid-request shows up as reset errors, and
// the load goes on over fresh connections.
#include <gtest/gtest.h>

#include <atomic>

#include "loadgen/load_run.hpp"
#include "loadgen/test_server.hpp"

namespace archbench::loadgen {
namespace {

using namespace std::chrono_literals;
using testing::TestResponse;

LoadResult run_health(std::uint16_t port) {
  Workload w;
  w.accounts = 0;
  w.mix[static_cast<std::size_t>(Endpoint::health)] = 1;
  w.connections = 4;
  w.warmup_s = 0;
  w.duration_s = 0.5;
  const RequestPlan plan(w, {}, "127.0.0.1:" + std::to_string(port), "reconnect");
  LoadOptions options;
  options.target = loopback_target("127.0.0.1", port);
  options.timeout = 1000ms;
  return run_load(options, plan);
}

TEST(Reconnect, ConnectionCloseIsNotAnError) {
  std::atomic<int> served{0};
  const testing::TestServer server([&](const testing::TestRequest&) {
    const bool close = ++served % 100 == 0;  // a few dozen reconnects
    return TestResponse{200, "{}",
                        close ? TestResponse::Then::close : TestResponse::Then::keep_alive};
  });
  const LoadResult result = run_health(server.port());
  EXPECT_GT(result.stats.completed_in_window, 100);
  EXPECT_EQ(result.stats.errors_total.total(), 0);
  EXPECT_EQ(result.stats.unexpected[static_cast<std::size_t>(Endpoint::health)], 0);
}

TEST(Reconnect, DroppedConnectionsAreCountedAndReplaced) {
  std::atomic<int> served{0};
  const testing::TestServer server([&](const testing::TestRequest&) {
    const bool drop = ++served % 100 == 0;
    return TestResponse{200, "{}",
                        drop ? TestResponse::Then::drop : TestResponse::Then::keep_alive};
  });
  const LoadResult result = run_health(server.port());
  const RunStats& s = result.stats;
  EXPECT_GT(s.errors_total.reset, 0);
  EXPECT_EQ(s.errors_total.protocol + s.errors_total.timeout, 0);
  // Every request was either answered or lost with its connection.
  EXPECT_EQ(s.sent_total, s.completed_total + s.errors_total.reset);
  EXPECT_GT(s.completed_in_window, 10 * s.errors_total.reset);  // the load went on
}

}  // namespace
}  // namespace archbench::loadgen
