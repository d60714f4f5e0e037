// One benchmark run from start to verdict: check the target, set the ledger up, run the load,
// check the ledger's invariant and every status, measure who was the bottleneck, and decide
// whether the run counts. main() only parses options into Settings and writes what this returns.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "loadgen/ledger_setup.hpp"
#include "loadgen/load_run.hpp"
#include "loadgen/target.hpp"
#include "loadgen/workload.hpp"

namespace archbench::loadgen {

struct Settings {
  std::string host = "127.0.0.1";
  int port = 0;
  Workload workload;          // after command-line overrides
  std::string workload_path;  // where it came from ("" when built in code)
  int threads = 1;
  int timeout_ms = 5000;  // per request
  std::optional<pid_t> server_pid;
  std::string backend_name = "unknown";
  bool quiet = false;   // no progress on stderr
  std::string run_tag;  // prefix of request_ids; "" picks a fresh random one
};

// A process is saturated when one of its threads was at least this busy (CPU time / wall time)
// during the measured phase, or when it used at least this share of the CPUs it could use
// (min(CPUs it may run on, its threads)). The load generator saturated: client-bound.
inline constexpr double kSaturatedUtilisation = 0.90;
inline constexpr double kClientBoundUtilisation = kSaturatedUtilisation;
// An open-loop run that completes, during the measured phase, less than this share of the
// arrivals its schedule put in that phase missed its rate.
inline constexpr double kRateAchievedShare = 0.99;

[[nodiscard]] bool saturated(double max_thread_utilisation, double process_utilisation) noexcept;
// Compares with the arrivals actually scheduled, not rate x duration: a Poisson schedule of N
// expected arrivals holds N +- sqrt(N), and the nominal figure would flag honest runs (a third
// of them at 2000 arrivals, where sqrt(N) is twice the 1% allowed).
[[nodiscard]] bool rate_not_achieved(std::int64_t completed_in_window,
                                     std::int64_t scheduled_in_window) noexcept;

struct RunReport {
  Settings settings;
  std::string run_tag;
  nlohmann::json metadata;

  std::optional<SetupResult> setup;
  std::optional<LoadResult> load;  // absent when the run failed before the load
  InvariantCheck invariant;

  // Derived from `load`, once, for every output to agree.
  double throughput_rps = 0;  // responses completed in the measured phase / its duration
  std::optional<double> client_cpu_us_per_request;
  std::optional<double> server_cpu_us_per_request;
  std::optional<double> server_utilisation;  // server CPU time / wall time (1.0 = one core)
  double max_thread_utilisation = 0;
  double client_process_utilisation = 0;  // process CPU / (wall x CPUs it may use)
  // With --server-pid, readable /proc: the same two measures for the server, and the verdict.
  std::optional<double> server_max_thread_utilisation;
  std::optional<double> server_process_utilisation;
  std::optional<bool> server_saturated;
  // Open loop: completions in the measured phase / arrivals scheduled in it.
  std::optional<double> completion_ratio;
  // The machine during the measured phase, from /proc/stat: shares of all CPU time.
  std::optional<double> machine_busy_share;   // not idle
  std::optional<double> machine_steal_share;  // taken by the hypervisor

  bool client_bound = false;
  bool rate_not_achieved = false;
  // Closed loop only, with a readable server: neither the server nor the load generator was
  // saturated, so something else (other load on the machine, too few connections for the round
  // trip, the server waiting on locks or I/O) set the throughput, which then ranks nothing.
  // nullopt when it cannot be told (no --server-pid) or does not apply (open loop).
  std::optional<bool> machine_bound;
  bool failed = false;
  std::vector<std::string> failures;  // why it failed, one line each
  std::vector<std::string> warnings;

  [[nodiscard]] std::int64_t unexpected_total() const;
};

// Never throws for a run-time problem (it becomes a failure in the report); throws
// std::runtime_error only for settings that are wrong before anything is sent (e.g. a target
// that is not loopback, an invalid workload).
RunReport execute(const Settings& settings, std::ostream& progress_out);

// The figures and flags derived from report.load (and report.metadata's CPU lists), then the
// verdict's warnings and failures: the last steps of execute(), apart for tests.
void derive_figures(RunReport& report);
void judge(RunReport& report);

}  // namespace archbench::loadgen
