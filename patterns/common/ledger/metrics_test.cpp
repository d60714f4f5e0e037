// Request counting and the Prometheus text exposition of /metrics.
#include "common/ledger/metrics.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace archbench::ledger {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(Metrics, CountsByRouteAndStatus) {
  Metrics metrics;
  metrics.record(Route::transfer, 201);
  metrics.record(Route::transfer, 201);
  metrics.record(Route::transfer, 409);
  metrics.record(Route::unknown, 404);
  EXPECT_EQ(metrics.count(Route::transfer, 201), 2U);
  EXPECT_EQ(metrics.count(Route::transfer, 409), 1U);
  EXPECT_EQ(metrics.count(Route::unknown, 404), 1U);
  EXPECT_EQ(metrics.count(Route::deposit, 201), 0U);
}

TEST(Metrics, IgnoresStatusesOutsideHttp) {
  Metrics metrics;
  metrics.record(Route::health, 99);
  metrics.record(Route::health, 600);
  metrics.record(Route::health, -1);
  metrics.record(Route::health, 599);
  EXPECT_EQ(metrics.count(Route::health, 99), 0U);
  EXPECT_EQ(metrics.count(Route::health, 600), 0U);
  EXPECT_EQ(metrics.count(Route::health, 599), 1U);
}

TEST(Metrics, PrometheusTextHasHeaderAndNonZeroSeriesOnly) {
  Metrics metrics;
  for (int i = 0; i < 1234; ++i) metrics.record(Route::transfer, 201);
  metrics.record(Route::create_account, 400);
  metrics.record(Route::unknown, 405);
  const std::string text = metrics.prometheus_text("baseline");
  EXPECT_EQ(text,
            "# HELP archbench_requests_total Requests answered, by route and HTTP status.\n"
            "# TYPE archbench_requests_total counter\n"
            "archbench_requests_total{backend=\"baseline\",route=\"create_account\","
            "status=\"400\"} 1\n"
            "archbench_requests_total{backend=\"baseline\",route=\"transfer\",status=\"201\"} "
            "1234\n"
            "archbench_requests_total{backend=\"baseline\",route=\"unknown\",status=\"405\"} 1\n");
  EXPECT_THAT(text, Not(HasSubstr("route=\"deposit\"")));
}

TEST(Metrics, EscapesTheBackendLabel) {
  Metrics metrics;
  metrics.record(Route::health, 200);
  EXPECT_THAT(metrics.prometheus_text("a\"b\\c\nd"), HasSubstr(R"(backend="a\"b\\c\nd")"));
}

TEST(Metrics, CountsFromManyThreadsWithoutLoss) {
  Metrics metrics;
  constexpr int kThreads = 4;
  constexpr int kPerThread = 10'000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&metrics] {
      for (int i = 0; i < kPerThread; ++i) metrics.record(Route::deposit, 201);
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(metrics.count(Route::deposit, 201), std::uint64_t{kThreads} * kPerThread);
}

// More threads than shards, several series each: threads sharing a shard, and threads with a
// shard of their own, must all add up exactly.
TEST(Metrics, ShardedCountsFromMoreThreadsThanShardsSumExactly) {
  Metrics metrics;
  constexpr int kThreads = static_cast<int>(Metrics::kShards) * 2 + 3;
  constexpr int kPerThread = 2'000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&metrics, t] {
      for (int i = 0; i < kPerThread; ++i) {
        metrics.record(Route::transfer, 201);
        metrics.record(i % 2 == 0 ? Route::deposit : Route::get_account, 200 + t % 3);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(metrics.count(Route::transfer, 201), std::uint64_t{kThreads} * kPerThread);
  std::uint64_t others = 0;
  for (const Route route : {Route::deposit, Route::get_account}) {
    for (int status = 200; status < 203; ++status) others += metrics.count(route, status);
  }
  EXPECT_EQ(others, std::uint64_t{kThreads} * kPerThread);
  EXPECT_THAT(metrics.prometheus_text("b"),
              HasSubstr(R"(route="transfer",status="201"} )" +
                        std::to_string(std::uint64_t{kThreads} * kPerThread) + "\n"));
}

// The point of the shards: threads that record at the same time write different cache lines.
TEST(Metrics, ConcurrentThreadsGetTheirOwnShards) {
  constexpr std::size_t kThreads = 4;  // I/O threads on a small machine
  std::vector<std::size_t> shards(kThreads);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&shards, t] { shards[t] = Metrics::this_thread_shard(); });
  }
  for (auto& thread : threads) thread.join();
  for (std::size_t a = 0; a < kThreads; ++a) {
    for (std::size_t b = a + 1; b < kThreads; ++b) EXPECT_NE(shards[a], shards[b]);
  }
}

}  // namespace
}  // namespace archbench::ledger
