// Who was the bottleneck: the client-bound and machine-bound flags, from the CPU figures a run
// measured (set by hand here, so that each rule is tested at its edges).
#include <gtest/gtest.h>

#include "loadgen/benchmark_run.hpp"

namespace archbench::loadgen {
namespace {

// A closed-loop run of 1 s on 2 CPUs for each side, with the given busy figures.
RunReport measured(std::vector<double> client_threads, double client_cpu_s,
                   std::optional<std::map<pid_t, double>> server_threads_s = std::nullopt) {
  RunReport report;
  report.settings.workload.duration_s = 1;
  report.metadata = {{"client_cpus", {0, 1}}, {"server_cpus", {0, 1}}, {"cores_online", 2}};
  report.load.emplace(1);
  LoadResult& load = *report.load;
  load.measured_s = 1.0;
  load.stats.completed_in_window = 1000;
  load.thread_utilisation = std::move(client_threads);
  load.client_cpu_us = static_cast<std::int64_t>(client_cpu_s * 1e6);
  if (server_threads_s) {
    report.settings.server_pid = 1234;
    std::int64_t total_us = 0;
    for (const auto& [tid, seconds] : *server_threads_s) {
      load.server_threads_before[tid] = 5'000'000;  // CPU used before the phase is not counted
      load.server_threads_after[tid] = 5'000'000 + static_cast<std::int64_t>(seconds * 1e6);
      total_us += static_cast<std::int64_t>(seconds * 1e6);
    }
    load.server_before.emplace().cpu_us = 10'000'000;
    load.server_after.emplace().cpu_us = 10'000'000 + total_us;
  }
  derive_figures(report);
  return report;
}

TEST(Verdict, OneBusyThreadMakesTheRunClientBound) {
  EXPECT_TRUE(measured({0.95}, 0.95).client_bound);
  EXPECT_TRUE(measured({0.90}, 0.90).client_bound);  // the edge counts
  EXPECT_FALSE(measured({0.89}, 0.89).client_bound);
  EXPECT_TRUE(measured({0.30, 0.92}, 1.22).client_bound);  // any thread
}

TEST(Verdict, AProcessUsingItsCpusMakesTheRunClientBound) {
  // Four threads on two CPUs, none at 90%, together 1.8 of 2 CPUs.
  EXPECT_TRUE(measured({0.45, 0.45, 0.45, 0.45}, 1.8).client_bound);
  EXPECT_FALSE(measured({0.40, 0.40, 0.40, 0.40}, 1.6).client_bound);
  // One thread on two CPUs can use only one: the share is of min(CPUs, threads).
  const RunReport one = measured({0.85}, 0.85);
  EXPECT_DOUBLE_EQ(one.client_process_utilisation, 0.85);
}

TEST(Verdict, NeitherSideSaturatedIsMachineBound) {
  RunReport idle = measured({0.40}, 0.40, std::map<pid_t, double>{{1, 0.5}, {2, 0.3}});
  ASSERT_TRUE(idle.server_saturated);
  EXPECT_FALSE(*idle.server_saturated);
  EXPECT_NEAR(*idle.server_max_thread_utilisation, 0.5, 1e-9);
  EXPECT_NEAR(*idle.server_process_utilisation, 0.4, 1e-9);  // 0.8 CPU s of 2 CPUs
  ASSERT_TRUE(idle.machine_bound);
  EXPECT_TRUE(*idle.machine_bound);
  judge(idle);
  bool warned = false;
  for (const auto& w : idle.warnings) {
    warned = warned || w.find("MACHINE-BOUND") != std::string::npos;
  }
  EXPECT_TRUE(warned);
}

TEST(Verdict, ASaturatedSideIsNotMachineBound) {
  // The server's one busy thread is its limit.
  const RunReport server = measured({0.40}, 0.40, std::map<pid_t, double>{{1, 0.95}, {2, 0.0}});
  EXPECT_TRUE(server.server_saturated.value_or(false));
  EXPECT_FALSE(server.machine_bound.value_or(true));
  // The load generator is the limit: client-bound, not machine-bound.
  const RunReport client = measured({0.97}, 0.97, std::map<pid_t, double>{{1, 0.5}});
  EXPECT_TRUE(client.client_bound);
  EXPECT_FALSE(client.machine_bound.value_or(true));
  // A thread that appeared during the phase has no "before": it is not charged a lifetime.
  RunReport late = measured({0.40}, 0.40, std::map<pid_t, double>{{1, 0.5}});
  late.load->server_threads_before.clear();
  late.load->server_threads_before[1] = 5'000'000;
  late.load->server_threads_after[99] = 60'000'000;
  derive_figures(late);
  EXPECT_NEAR(*late.server_max_thread_utilisation, 0.5, 1e-9);
}

TEST(Verdict, MachineBoundIsUnknownWithoutTheServerAndMeaninglessInOpenLoop) {
  EXPECT_FALSE(measured({0.40}, 0.40).machine_bound.has_value());
  RunReport open;
  open.settings.workload.mode = LoopMode::open;
  open.settings.workload.rate = 1000;
  open.settings.workload.duration_s = 1;
  open.metadata = {{"client_cpus", {0}}, {"server_cpus", {0}}};
  open.load.emplace(1);
  open.load->measured_s = 1;
  open.load->thread_utilisation = {0.1};
  open.load->stats.scheduled_in_window = 1000;
  open.load->stats.completed_in_window = 995;
  derive_figures(open);
  EXPECT_FALSE(open.machine_bound.has_value());
  EXPECT_FALSE(open.rate_not_achieved);
  EXPECT_DOUBLE_EQ(*open.completion_ratio, 0.995);
}

}  // namespace
}  // namespace archbench::loadgen
