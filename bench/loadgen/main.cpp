// archbench-loadgen: drives an archbench backend on this machine with a workload file and writes
// a result (JSON + .hgrm) and a summary. Exit status: 0 run OK, 1 run FAILED (wrong answers,
// broken invariant, setup failure), 2 bad command line, 3 hard time limit hit.
//
//   archbench-loadgen --port 8080 --workload mixed --backend-name baseline --out results/
#include <CLI/CLI.hpp>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include "loadgen/benchmark_run.hpp"
#include "loadgen/build_info.hpp"
#include "loadgen/output_files.hpp"
#include "loadgen/summary.hpp"

namespace {

using archbench::loadgen::Arrival;
using archbench::loadgen::KeyDistribution;
using archbench::loadgen::LoopMode;

// "mixed" means bench/workloads/mixed.json of this source tree; anything with a '/' or a
// ".json" is a path.
std::string resolve_workload(const std::string& name) {
  if (name.find('/') != std::string::npos || name.ends_with(".json")) {
    return name;
  }
  return (std::filesystem::path(archbench::loadgen::build_info::kSourceDir) / "bench" /
          "workloads" / (name + ".json"))
      .string();
}

// Ends the process if the run outlives its hard limit, whatever it is stuck on: a benchmark on
// a shared machine must always stop by itself.
class Watchdog {
 public:
  explicit Watchdog(double seconds)
      : thread_([this, seconds] {
          std::unique_lock lock(mutex_);
          if (!cv_.wait_for(lock, std::chrono::duration<double>(seconds),
                            [this] { return done_; })) {
            std::fprintf(stderr,
                         "archbench-loadgen: hard time limit of %.0f s reached; aborting. "
                         "RUN FAILED\n",
                         seconds);
            std::_Exit(3);
          }
        }) {}
  ~Watchdog() {
    {
      const std::lock_guard lock(mutex_);
      done_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "archbench-loadgen: HTTP/1.1 load generator for archbench backends (127.0.0.1 only).\n"
      "Closed loop, or open loop at a fixed rate with latency measured from the intended send\n"
      "time (no coordinated omission). Checks every answer and the ledger's invariant."};
  archbench::loadgen::Settings settings;
  std::string workload_name = "mixed";
  std::string out_dir;
  std::string out_prefix;
  double time_limit_s = 0;
  int server_pid = 0;

  app.add_option("--host", settings.host, "Target address: localhost, 127.x.y.z or ::1")
      ->capture_default_str();
  app.add_option("--port", settings.port, "Target port (the backend prints it)")->required();
  app.add_option("--workload", workload_name,
                 "Workload file, or a name in bench/workloads/ (read-heavy, mixed, write-heavy, "
                 "contention, batch, health, open-mixed)")
      ->capture_default_str();
  app.add_option("--threads", settings.threads, "Load-generating threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  app.add_option("--timeout-ms", settings.timeout_ms, "Per-request timeout")
      ->capture_default_str()
      ->check(CLI::Range(10, 600'000));
  app.add_option("--server-pid", server_pid,
                 "Backend's pid: charge its CPU (/proc/PID/stat) and peak RSS to the run");
  app.add_option("--backend-name", settings.backend_name, "Recorded in the result")
      ->capture_default_str();
  auto* out_opt = app.add_option("--out", out_dir, "Write DIR/<backend>_<workload>_..json/.hgrm");
  app.add_option("--out-prefix", out_prefix, "Write PREFIX.json and PREFIX*.hgrm")
      ->excludes(out_opt);
  app.add_flag("--quiet,-q", settings.quiet, "No progress on stderr");
  app.add_option("--time-limit", time_limit_s,
                 "Hard wall-clock limit in s (default: warm-up + duration + 120)");

  // Workload overrides: unset ones keep the file's value.
  std::optional<std::string> mode, arrival;
  std::optional<double> rate, duration, warmup, zipf;
  std::optional<std::int64_t> connections, accounts, initial_balance, batch_size;
  std::optional<std::uint64_t> seed;
  app.add_option("--mode", mode, "closed | open")->check(CLI::IsMember({"closed", "open"}));
  app.add_option("--rate", rate, "Open loop: total requests per second");
  app.add_option("--arrival", arrival, "Open loop: constant | poisson")
      ->check(CLI::IsMember({"constant", "poisson"}));
  app.add_option("--connections,-c", connections, "Keep-alive connections");
  app.add_option("--duration,-d", duration, "Measured phase, seconds");
  app.add_option("--warmup", warmup, "Warm-up before it, seconds");
  app.add_option("--seed", seed, "Seed of every random choice");
  app.add_option("--accounts", accounts, "Accounts to create and use");
  app.add_option("--initial-balance", initial_balance, "Initial deposit per account");
  app.add_option("--batch-size", batch_size, "Transfers per POST /transfers/batch");
  app.add_option("--zipf", zipf, "Use Zipf-distributed accounts with this skew s");
  CLI11_PARSE(app, argc, argv);

  try {
    settings.workload_path = resolve_workload(workload_name);
    auto& w = settings.workload;
    w = archbench::loadgen::load_workload_file(settings.workload_path);
    if (mode) {
      w.mode = *mode == "open" ? LoopMode::open : LoopMode::closed;
    }
    if (arrival) {
      w.arrival = *arrival == "poisson" ? Arrival::poisson : Arrival::constant;
    }
    if (rate) {
      w.rate = *rate;
    }
    if (connections) {
      w.connections = *connections;
    }
    if (duration) {
      w.duration_s = *duration;
    }
    if (warmup) {
      w.warmup_s = *warmup;
    }
    if (seed) {
      w.seed = *seed;
    }
    if (accounts) {
      w.accounts = *accounts;
    }
    if (initial_balance) {
      w.initial_balance = *initial_balance;
    }
    if (batch_size) {
      w.batch_size = *batch_size;
    }
    if (zipf) {
      w.keys = KeyDistribution::zipf;
      w.zipf_s = *zipf;
    }
    if (server_pid > 0) {
      settings.server_pid = server_pid;
    }
    archbench::loadgen::validate(w);
    if (time_limit_s <= 0) {
      time_limit_s = w.warmup_s + w.duration_s + 120;
    }

    const Watchdog watchdog(time_limit_s);
    const auto report = archbench::loadgen::execute(settings, std::cerr);
    archbench::loadgen::print_summary(std::cout, report);
    std::string prefix = out_prefix;
    if (prefix.empty() && !out_dir.empty()) {
      prefix = archbench::loadgen::default_prefix(out_dir, report);
    }
    if (!prefix.empty()) {
      for (const auto& path : archbench::loadgen::write_outputs(report, prefix)) {
        std::cout << "wrote " << path << "\n";
      }
    }
    return report.failed ? 1 : 0;
  } catch (const std::exception& e) {
    std::cerr << "archbench-loadgen: " << e.what() << "\n";
    return 2;
  }
}
