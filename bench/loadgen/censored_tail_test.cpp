// The tail is never cut off. An open-loop run against a server that answers at once for 0.6 s
// and then stalls: the arrivals of the last 0.4 s are never answered (a few time out, the rest
// are never sent). They are the slowest requests of the run. Dropped, p99 would be the sub-ms
// of the answered ones; here they count at their lower bound (time given up - intended send
// time), p99 reaches them and says it is a lower bound, in the JSON and in the printed table.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <sstream>

#include "loadgen/benchmark_run.hpp"
#include "loadgen/result_json.hpp"
#include "loadgen/summary.hpp"
#include "loadgen/test_server.hpp"

namespace archbench::loadgen {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t kMs = 1'000'000;  // ns

// Answers /health at once until `stall_after` from its first request, then holds every answer
// until it is destroyed (at most 5 s).
class StallingServer {
 public:
  explicit StallingServer(std::chrono::milliseconds stall_after)
      : server_([this, stall_after](const testing::TestRequest&) {
          std::unique_lock lock(mutex_);
          const auto now = std::chrono::steady_clock::now();
          if (!started_) {
            started_ = true;
            start_ = now;
          }
          if (now - start_ >= stall_after) {
            stopped_.wait_for(lock, 5s, [this] { return stopping_; });
          }
          return testing::TestResponse{200, R"({"status":"ok"})"};
        }) {}
  ~StallingServer() {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    stopped_.notify_all();
  }
  StallingServer(const StallingServer&) = delete;
  StallingServer& operator=(const StallingServer&) = delete;
  [[nodiscard]] std::uint16_t port() const { return server_.port(); }

 private:
  std::mutex mutex_;
  std::condition_variable stopped_;
  bool started_ = false;
  bool stopping_ = false;
  std::chrono::steady_clock::time_point start_;
  testing::TestServer server_;  // last: destroyed first, once the destructor freed its handlers
};

TEST(CensoredTail, AnOverloadedRunReportsItsP99AsALowerBound) {
  const StallingServer server(600ms);
  Settings settings;
  settings.port = server.port();
  settings.quiet = true;
  settings.timeout_ms = 300;
  Workload& w = settings.workload;
  w.name = "stall";
  w.accounts = 0;
  w.mix[static_cast<std::size_t>(Endpoint::health)] = 1;
  w.mode = LoopMode::open;
  w.rate = 200;
  w.connections = 2;
  w.warmup_s = 0;
  w.duration_s = 1.0;
  std::ostringstream log;
  const RunReport report = execute(settings, log);
  ASSERT_TRUE(report.load);
  const RunStats& s = report.load->stats;

  const Histogram censored = s.censored();
  const Histogram answered = s.all_endpoints(&EndpointStats::corrected);
  const Histogram all = s.corrected_with_tail();
  // About 120 answered, 80 never answered: a few timed out, the rest never sent.
  EXPECT_GT(s.backlog_unsent, 30);
  EXPECT_GT(s.errors_total.timeout, 0);
  EXPECT_EQ(censored.total_count(),
            s.backlog_unsent +
                s.endpoints[static_cast<std::size_t>(Endpoint::health)].timed_out.total_count());
  EXPECT_EQ(all.total_count(), answered.total_count() + censored.total_count());
  EXPECT_EQ(all.total_count(), s.scheduled_in_window);  // every arrival of the phase counted
  EXPECT_GE(censored.min(), 100 * kMs) << "given up on at least 0.1 s after they were due";

  // Before: the censored tail dropped. After: counted at its lower bound.
  const std::int64_t p99_dropped = answered.value_at_percentile(99);
  const std::int64_t p99 = all.value_at_percentile(99);
  std::printf(
      "[ stalling server ] p99 with the censored tail dropped: %.3f ms; "
      "with it at its lower bound: >= %.3f ms (%lld of %lld censored)\n",
      static_cast<double>(p99_dropped) / 1e6, static_cast<double>(p99) / 1e6,
      static_cast<long long>(censored.total_count()), static_cast<long long>(all.total_count()));
  EXPECT_LT(p99_dropped, 100 * kMs);
  EXPECT_TRUE(percentile_is_lower_bound(all, censored, 99));
  // Not below the censored values: more than 1% of the values are censored, so the top 1%
  // holds only censored ones, and p99 is at least the censored value of that rank.
  const auto n = static_cast<double>(all.total_count());
  const auto c = static_cast<double>(censored.total_count());
  ASSERT_GT(c, 0.01 * n);
  EXPECT_GE(p99,
            censored.lowest_equivalent(censored.value_at_percentile(100 * (c - 0.01 * n) / c)));
  EXPECT_GE(p99, censored.min());
  // The median is still an answered request: exact.
  EXPECT_FALSE(percentile_is_lower_bound(all, censored, 50));

  const nlohmann::json result = result_to_json(report);
  const auto& latency = result["figures"]["latency"];
  EXPECT_EQ(latency["censored_count"], censored.total_count());
  const auto& bounds = latency["lower_bounds"];
  auto marked = [&](const char* field) {
    return std::find(bounds.begin(), bounds.end(), field) != bounds.end();
  };
  EXPECT_TRUE(marked("p99_us"));
  EXPECT_TRUE(marked("max_us"));
  EXPECT_FALSE(marked("p50_us"));
  EXPECT_EQ(latency["p99_us"].get<double>(), static_cast<double>(p99) / 1000.0);
  EXPECT_TRUE(result["flags"]["tail_censored"].get<bool>());
  EXPECT_LT(result["figures"]["latency_answered"]["p99_us"].get<double>(), 100'000.0);
  EXPECT_TRUE(result["figures"]["latency_answered"]["lower_bounds"].empty());

  std::ostringstream table;
  print_summary(table, report);
  const std::string text = table.str();
  const std::size_t row = text.find("\n  all ");
  ASSERT_NE(row, std::string::npos) << text;
  const std::string all_row = text.substr(row, text.find('\n', row + 1) - row);
  EXPECT_NE(all_row.find('>'), std::string::npos) << all_row;
  EXPECT_NE(text.find("a lower bound"), std::string::npos) << text;
}

}  // namespace
}  // namespace archbench::loadgen
