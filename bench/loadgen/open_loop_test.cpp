// Coordinated omission, demonstrated: a server that stalls once for 300 ms. In open loop the
// requests scheduled during the stall all wait for it, and their latency from the intended send
// time shows it at p99; measured from the actual send time (what a closed-loop tool sees) it
// hides. A closed loop on one connection sends nothing during the stall, so only one request
// sees it and p99 stays small: the stall is "omitted" exactly as in wrk.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <sstream>
#include <thread>

#include "loadgen/benchmark_run.hpp"
#include "loadgen/load_run.hpp"
#include "loadgen/test_server.hpp"

namespace archbench::loadgen {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t kMs = 1'000'000;  // ns

// Answers /health at once, except that the first request after 1 s waits 300 ms.
class StallingServer {
 public:
  StallingServer()
      : server_([this](const testing::TestRequest&) {
          const auto now = std::chrono::steady_clock::now();
          std::call_once(first_, [&] { start_ = now; });
          if (now - start_ >= 1s && !stalled_.exchange(true)) {
            std::this_thread::sleep_for(300ms);
          }
          return testing::TestResponse{200, R"({"status":"ok"})"};
        }) {}
  [[nodiscard]] std::uint16_t port() const { return server_.port(); }

 private:
  std::once_flag first_;
  std::chrono::steady_clock::time_point start_;
  std::atomic<bool> stalled_{false};
  testing::TestServer server_;  // last: stopped before the members its handler uses
};

LoadResult run_health(std::uint16_t port, LoopMode mode, double rate) {
  Workload w;
  w.name = "stall-test";
  w.accounts = 0;
  w.mix[static_cast<std::size_t>(Endpoint::health)] = 1;
  w.mode = mode;
  w.rate = rate;
  w.connections = 1;
  w.warmup_s = 0;
  w.duration_s = 2.0;
  validate(w);
  const RequestPlan plan(w, {}, "127.0.0.1:" + std::to_string(port), "stall");
  LoadOptions options;
  options.target = loopback_target("127.0.0.1", port);
  options.timeout = 2000ms;
  return run_load(options, plan);
}

TEST(OpenLoop, CorrectedLatencyShowsAStallThatClosedLoopHides) {
  {
    const StallingServer server;
    const LoadResult open = run_health(server.port(), LoopMode::open, 1000);
    const RunStats& s = open.stats;
    const Histogram corrected = s.all_endpoints(&EndpointStats::corrected);
    const Histogram uncorrected = s.all_endpoints(&EndpointStats::uncorrected);
    // ~2000 requests scheduled, ~300 of them during the stall: p99 waits most of the 300 ms.
    EXPECT_NEAR(static_cast<double>(corrected.total_count()), 2000, 100);
    EXPECT_GE(corrected.value_at_percentile(99), 100 * kMs);
    EXPECT_GE(corrected.max(), 250 * kMs);
    // From the actual send time only one request was slow.
    EXPECT_LT(uncorrected.value_at_percentile(99), 50 * kMs);
    EXPECT_GE(s.schedule_lag.value_at_percentile(99), 100 * kMs);
    EXPECT_EQ(s.errors_total.total(), 0);
    // The hiccup is visible in the per-second series: second 1 holds the stalled requests.
    ASSERT_EQ(s.seconds.size(), 2u);
    EXPECT_GE(s.seconds[1].latency.value_at_percentile(99), 100 * kMs);
  }
  {
    const StallingServer server;
    const LoadResult closed = run_health(server.port(), LoopMode::closed, 0);
    const Histogram corrected = closed.stats.all_endpoints(&EndpointStats::corrected);
    EXPECT_GT(corrected.total_count(), 2000);  // a closed loop runs as fast as the server
    EXPECT_GE(corrected.max(), 250 * kMs);     // the stall happened...
    EXPECT_LT(corrected.value_at_percentile(99), 50 * kMs);  // ...and p99 does not show it
  }
}

TEST(OpenLoop, SlowServerMarksTheRateAsNotAchieved) {
  // Each answer takes 5 ms on one connection: at most ~200 req/s against a target of 1000.
  const testing::TestServer server([](const testing::TestRequest&) {
    std::this_thread::sleep_for(5ms);
    return testing::TestResponse{200, "{}"};
  });
  Settings settings;
  settings.port = server.port();
  settings.quiet = true;
  settings.timeout_ms = 1000;
  Workload& w = settings.workload;
  w.accounts = 0;
  w.mix[static_cast<std::size_t>(Endpoint::health)] = 1;
  w.mode = LoopMode::open;
  w.rate = 1000;
  w.connections = 1;
  w.warmup_s = 0;
  w.duration_s = 1.0;
  std::ostringstream log;
  const RunReport report = execute(settings, log);
  EXPECT_TRUE(report.rate_not_achieved);
  EXPECT_FALSE(report.failed) << "slow is not wrong: the run counts, flagged";
  EXPECT_LT(report.throughput_rps, 0.5 * w.rate);
  ASSERT_TRUE(report.load);
  EXPECT_GT(report.load->stats.backlog_unsent, 0);
  bool warned = false;
  for (const auto& warning : report.warnings) {
    warned = warned || warning.find("RATE NOT ACHIEVED") != std::string::npos;
  }
  EXPECT_TRUE(warned);
}

}  // namespace
}  // namespace archbench::loadgen
