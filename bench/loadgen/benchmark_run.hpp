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

// A run is client-bound when one of the load generator's threads was at least this busy.
inline constexpr double kClientBoundUtilisation = 0.90;
// An open-loop run that completes less than this share of its target rate missed it.
inline constexpr double kRateAchievedShare = 0.99;

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

  bool client_bound = false;
  bool rate_not_achieved = false;
  bool failed = false;
  std::vector<std::string> failures;  // why it failed, one line each
  std::vector<std::string> warnings;

  [[nodiscard]] std::int64_t unexpected_total() const;
};

// Never throws for a run-time problem (it becomes a failure in the report); throws
// std::runtime_error only for settings that are wrong before anything is sent (e.g. a target
// that is not loopback, an invalid workload).
RunReport execute(const Settings& settings, std::ostream& progress_out);

}  // namespace archbench::loadgen
