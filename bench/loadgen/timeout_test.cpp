// The timeout path: a request the server never answers is given up on after timeout_ms, counted
// as a timeout, recorded in the latency at its lower bound, its connection replaced, and the
// load goes on; what it asked of the ledger becomes an unknown outcome.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "loadgen/load_run.hpp"
#include "loadgen/test_server.hpp"

namespace archbench::loadgen {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t kMs = 1'000'000;  // ns

// Every 40th request is held until the server is destroyed (at most 5 s); the rest answered.
class HangingServer {
 public:
  HangingServer()
      : server_([this](const testing::TestRequest& request) {
          const bool deposit = request.target.find("/deposits") != std::string::npos;
          if (++served_ % 40 == 0) {
            std::unique_lock lock(mutex_);
            stopped_.wait_for(lock, 5s, [this] { return stopping_; });
          }
          return testing::TestResponse{deposit ? 201 : 200, "{}"};
        }) {}
  ~HangingServer() {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    stopped_.notify_all();
  }
  HangingServer(const HangingServer&) = delete;
  HangingServer& operator=(const HangingServer&) = delete;
  [[nodiscard]] std::uint16_t port() const { return server_.port(); }

 private:
  std::atomic<int> served_{0};
  std::mutex mutex_;
  std::condition_variable stopped_;
  bool stopping_ = false;
  testing::TestServer server_;  // last: destroyed first, once the destructor freed its handlers
};

TEST(Timeout, UnansweredRequestsTimeOutAndCountAtTheirLowerBound) {
  const HangingServer server;
  Workload w;
  w.accounts = 4;
  w.mix = {0, 1, 0, 0, 0, 0};  // deposits only: each lost one is money of unknown outcome
  w.connections = 2;
  w.warmup_s = 0;
  w.duration_s = 1.0;
  const RequestPlan plan(w, {"a0", "a1", "a2", "a3"}, "127.0.0.1:" + std::to_string(server.port()),
                         "timeout");
  LoadOptions options;
  options.target = loopback_target("127.0.0.1", server.port());
  options.timeout = 100ms;
  const LoadResult result = run_load(options, plan);
  const RunStats& s = result.stats;

  EXPECT_GT(s.errors_total.timeout, 0);
  EXPECT_EQ(s.errors_total.reset + s.errors_total.protocol + s.errors_total.connect, 0);
  // Every request was answered or timed out; the load went on over fresh connections.
  EXPECT_EQ(s.sent_total, s.completed_total + s.errors_total.timeout);
  EXPECT_GT(s.completed_in_window, 5 * s.errors_total.timeout);

  // Each timeout of the measured phase is in the latency, at >= the timeout (found within a
  // 10 ms housekeeping tick).
  const Histogram& timed_out = s.endpoints[static_cast<std::size_t>(Endpoint::deposit)].timed_out;
  EXPECT_EQ(timed_out.total_count(), s.errors_total.timeout);
  EXPECT_GE(timed_out.min(), 100 * kMs);
  EXPECT_GE(s.corrected_with_tail().max(), 100 * kMs);
  EXPECT_LT(s.all_endpoints(&EndpointStats::corrected).max(), 100 * kMs);

  // The ledger cannot know whether those deposits happened.
  EXPECT_EQ(s.ledger.unknown_requests(), s.errors_total.timeout);
  EXPECT_GT(s.ledger.deposits_in_doubt(), 0);
  EXPECT_EQ(s.ledger.acknowledged_operations(), s.completed_total);
}

}  // namespace
}  // namespace archbench::loadgen
