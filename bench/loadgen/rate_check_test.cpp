// The open-loop rate check, over many seeds of Poisson arrivals: it holds completions to the
// arrivals the schedule actually put in the measured phase. An honest server (every request
// answered 2 ms after it is due) is never flagged; one that serves 90% of the rate always is.
// Beside it, the check it replaced (completions against rate x duration) must flag a good share
// of the honest runs: that is the bug, shown.
#include <gtest/gtest.h>

#include <algorithm>

#include "loadgen/arrival_schedule.hpp"
#include "loadgen/benchmark_run.hpp"
#include "loadgen/load_run.hpp"
#include "loadgen/test_server.hpp"

namespace archbench::loadgen {
namespace {

constexpr double kRate = 1000;                       // requests per second
constexpr std::int64_t kWarmupEnd = 500'000'000;     // ns
constexpr std::int64_t kMeasureEnd = 2'500'000'000;  // 2 s measured: 2000 arrivals expected
constexpr int kSeeds = 300;

struct Counts {
  std::int64_t scheduled = 0;  // arrivals intended in the measured phase
  std::int64_t completed = 0;  // answers that arrived in it
};

bool in_window(std::int64_t t) { return t >= kWarmupEnd && t < kMeasureEnd; }

// A server that answers each request `latency_ns` after it is due, however many there are.
Counts honest(std::uint64_t seed, std::int64_t latency_ns) {
  ArrivalSchedule schedule(Arrival::poisson, kRate, 0, seed);
  Counts counts;
  for (; schedule.next() < kMeasureEnd + latency_ns; schedule.advance()) {
    counts.scheduled += in_window(schedule.next()) ? 1 : 0;
    counts.completed += in_window(schedule.next() + latency_ns) ? 1 : 0;
  }
  return counts;
}

// One request at a time, each taking 1 / capacity seconds, in arrival order.
Counts single_server(std::uint64_t seed, double capacity) {
  ArrivalSchedule schedule(Arrival::poisson, kRate, 0, seed);
  const double service_ns = 1e9 / capacity;
  Counts counts;
  double free_at = 0;
  for (; schedule.next() < kMeasureEnd; schedule.advance()) {
    const double arrival = static_cast<double>(schedule.next());
    free_at = std::max(free_at, arrival) + service_ns;
    counts.scheduled += in_window(schedule.next()) ? 1 : 0;
    counts.completed += in_window(static_cast<std::int64_t>(free_at)) ? 1 : 0;
  }
  return counts;
}

// The plausible wrong check: the nominal number of arrivals.
bool nominal_check_flags(const Counts& c) {
  const double nominal = kRate * static_cast<double>(kMeasureEnd - kWarmupEnd) / 1e9;
  return static_cast<double>(c.completed) < kRateAchievedShare * nominal;
}

TEST(RateCheck, HonestPoissonRunsAreNotFlaggedOverManySeeds) {
  int nominal_flags = 0;
  for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
    const Counts c = honest(seed, 2'000'000);
    EXPECT_FALSE(rate_not_achieved(c.completed, c.scheduled))
        << "seed " << seed << ": " << c.completed << " answers for " << c.scheduled;
    nominal_flags += nominal_check_flags(c) ? 1 : 0;
  }
  // sqrt(2000) = 45 arrivals of noise against 20 allowed: about a third of honest runs.
  EXPECT_GT(nominal_flags, kSeeds / 5) << "the nominal check should have flagged honest runs";
  EXPECT_LT(nominal_flags, kSeeds / 2);
}

TEST(RateCheck, ASlowServerIsFlaggedOverManySeeds) {
  for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
    const Counts c = single_server(seed, 0.9 * kRate);
    EXPECT_TRUE(rate_not_achieved(c.completed, c.scheduled))
        << "seed " << seed << ": " << c.completed << " answers for " << c.scheduled;
  }
  // A server with room to spare is not.
  for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
    const Counts c = single_server(seed, 3 * kRate);
    EXPECT_FALSE(rate_not_achieved(c.completed, c.scheduled)) << "seed " << seed;
  }
}

TEST(RateCheck, TheLoadLoopCountsTheArrivalsItsScheduleHolds) {
  // The real worker against an instant server: scheduled_in_window must be what the same seeded
  // schedule holds in the measured phase (one thread: its seed and start are the run's first).
  const testing::TestServer server([](const testing::TestRequest&) {
    return testing::TestResponse{200, R"({"status":"ok"})"};
  });
  Workload w;
  w.accounts = 0;
  w.mix[static_cast<std::size_t>(Endpoint::health)] = 1;
  w.mode = LoopMode::open;
  w.arrival = Arrival::poisson;
  w.rate = 400;
  w.seed = 11;
  w.connections = 2;
  w.warmup_s = 0.2;
  w.duration_s = 0.5;
  const RequestPlan plan(w, {}, "127.0.0.1:" + std::to_string(server.port()), "rate");
  LoadOptions options;
  options.target = loopback_target("127.0.0.1", server.port());
  const LoadResult result = run_load(options, plan);

  ArrivalSchedule schedule(Arrival::poisson, w.rate, 0, w.seed ^ 0x5bd1e995ULL);
  std::int64_t expected = 0;
  for (; schedule.next() < 700'000'000; schedule.advance()) {
    expected += schedule.next() >= 200'000'000 ? 1 : 0;
  }
  EXPECT_EQ(result.stats.scheduled_in_window, expected);
  EXPECT_GT(expected, 100);
}

}  // namespace
}  // namespace archbench::loadgen
