// Runs the measured load: starts one Worker per thread, lines their clocks up, and around the
// measured phase samples the CPU of this process, of each worker thread and, when given, of the
// server process. Returns the merged measurements; judging them is the caller's business.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "loadgen/process_stats.hpp"
#include "loadgen/request_generator.hpp"
#include "loadgen/run_stats.hpp"
#include "loadgen/target.hpp"

namespace archbench::loadgen {

struct Progress {
  const char* phase = "";     // "warm-up", "measure", "drain"
  double elapsed_s = 0;       // in this phase
  double phase_s = 0;         // its planned length
  double requests_per_s = 0;  // over the last report interval
  std::int64_t errors = 0;
};

struct LoadOptions {
  Target target;
  int threads = 1;
  std::chrono::milliseconds timeout{5000};  // per request
  std::optional<pid_t> server_pid;
  // Called about once a second from the calling thread while the load runs; may be empty.
  std::function<void(const Progress&)> progress;
};

struct LoadResult {
  explicit LoadResult(std::size_t seconds, std::size_t accounts = 0) : stats(seconds, accounts) {}

  RunStats stats;         // merged over the workers
  double measured_s = 0;  // wall time between the two samples (the planned duration, to ~1 ms)
  std::int64_t client_cpu_us = 0;          // this process, during the measured phase
  std::vector<double> thread_utilisation;  // each worker thread: CPU time / wall time
  std::optional<ProcessSample> server_before, server_after;
  std::map<pid_t, std::int64_t> server_threads_before, server_threads_after;  // CPU µs by tid
  std::optional<MachineSample> machine_before, machine_after;
};

// The workload (in plan) gives mode, rate, arrival, warm-up, duration and connections.
// Throws std::runtime_error when the connections cannot be opened.
LoadResult run_load(const LoadOptions& options, const RequestPlan& plan);

}  // namespace archbench::loadgen
