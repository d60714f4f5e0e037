// execute(): the phases of a run, and the rules that make a run failed, client-bound or short of
// its rate.
#include "loadgen/benchmark_run.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <ostream>
#include <random>

#include "loadgen/batch_client.hpp"
#include "loadgen/http_request.hpp"
#include "loadgen/metadata.hpp"

namespace archbench::loadgen {
namespace {

std::string fresh_run_tag() {
  // Not from the workload seed: two runs with the same seed against the same server must not
  // share request_ids, or the second run's requests would be answered as replays.
  std::random_device device;
  const std::uint64_t bits = (static_cast<std::uint64_t>(device()) << 32) ^ device() ^
                             static_cast<std::uint64_t>(getpid());
  char tag[16];
  std::snprintf(tag, sizeof tag, "lg%08llx", static_cast<unsigned long long>(bits & 0xffffffffULL));
  return tag;
}

void check_health(const Target& target) {
  std::vector<std::string> request(1);
  append_get(request[0], "/health", target.host_header());
  BatchOptions options;
  options.connections = 1;
  options.timeout = std::chrono::milliseconds(5000);
  const auto answers = run_batch(target, request, options);
  if (answers[0].status != 200) {
    throw std::runtime_error("GET /health answered " + std::to_string(answers[0].status));
  }
}

void derive_figures(RunReport& report) {
  const Workload& w = report.settings.workload;
  const LoadResult& load = *report.load;
  const RunStats& stats = load.stats;
  report.throughput_rps = static_cast<double>(stats.completed_in_window) / w.duration_s;
  const auto requests = static_cast<double>(stats.completed_in_window);
  if (requests > 0) {
    report.client_cpu_us_per_request = static_cast<double>(load.client_cpu_us) / requests;
  }
  if (load.server_before && load.server_after) {
    const auto server_cpu =
        static_cast<double>(load.server_after->cpu_us - load.server_before->cpu_us);
    if (requests > 0) {
      report.server_cpu_us_per_request = server_cpu / requests;
    }
    report.server_utilisation = server_cpu / 1e6 / load.measured_s;
  }
  for (double u : load.thread_utilisation) {
    report.max_thread_utilisation = std::max(report.max_thread_utilisation, u);
  }
  const auto& client_cpus = report.metadata["client_cpus"];
  const double cpus = client_cpus.is_array() && !client_cpus.empty()
                          ? static_cast<double>(client_cpus.size())
                          : 1.0;
  const double usable = std::min(cpus, static_cast<double>(load.thread_utilisation.size()));
  report.client_process_utilisation =
      static_cast<double>(load.client_cpu_us) / 1e6 / load.measured_s / std::max(usable, 1.0);
  report.client_bound = report.max_thread_utilisation >= kClientBoundUtilisation ||
                        report.client_process_utilisation >= kClientBoundUtilisation;
  if (w.mode == LoopMode::open) {
    report.rate_not_achieved = report.throughput_rps < kRateAchievedShare * w.rate;
  }
}

void judge(RunReport& report) {
  const RunStats& stats = report.load->stats;
  if (stats.completed_in_window == 0) {
    report.failures.emplace_back("no request was answered during the measured phase");
  }
  if (report.unexpected_total() > 0) {
    std::string line = std::to_string(report.unexpected_total()) + " unexpected answers:";
    for (std::size_t e = 0; e < kEndpointCount; ++e) {
      for (int s = 0; s < kStatusSlots; ++s) {
        const auto n = stats.all_status_counts[e][static_cast<std::size_t>(s)];
        if (n > 0 && !expected_status(static_cast<Endpoint>(e), s)) {
          line.append(" ").append(endpoint_name(static_cast<Endpoint>(e))).append(" ");
          line.append(std::to_string(s)).append(" x").append(std::to_string(n)).append(";");
        }
      }
    }
    if (stats.transfer_409_not_insufficient_funds > 0) {
      line += " transfer 409 other than insufficient_funds x" +
              std::to_string(stats.transfer_409_not_insufficient_funds) + ";";
    }
    line.pop_back();
    report.failures.push_back(line);
  }
  if (report.invariant.checked && !report.invariant.ok) {
    report.failures.push_back("ledger invariant broken: " + report.invariant.message);
  }
  if (stats.errors_total.total() > 0) {
    const auto& e = stats.errors_total;
    report.warnings.push_back("transport errors: " + std::to_string(e.connect) + " connect, " +
                              std::to_string(e.reset) + " reset, " + std::to_string(e.timeout) +
                              " timeout, " + std::to_string(e.protocol) + " protocol");
  }
  if (stats.backlog_unsent > 0) {
    report.warnings.push_back(std::to_string(stats.backlog_unsent) +
                              " scheduled requests were never sent (the server fell behind)");
  }
  if (report.client_bound) {
    report.warnings.push_back(
        "CLIENT-BOUND: a load generator thread was " +
        std::to_string(static_cast<int>(report.max_thread_utilisation * 100)) +
        "% busy; the throughput is the load generator's limit, not the server's");
  }
  if (report.rate_not_achieved) {
    report.warnings.push_back(
        "RATE NOT ACHIEVED: " + std::to_string(static_cast<long long>(report.throughput_rps)) +
        " of " + std::to_string(static_cast<long long>(report.settings.workload.rate)) +
        " requests/s");
  }
  if (report.settings.server_pid && !report.server_cpu_us_per_request) {
    report.warnings.push_back("could not read /proc of server pid " +
                              std::to_string(*report.settings.server_pid));
  }
}

}  // namespace

std::int64_t RunReport::unexpected_total() const {
  if (!load) {
    return 0;
  }
  std::int64_t total = 0;
  for (auto n : load->stats.unexpected) {
    total += n;
  }
  return total;
}

RunReport execute(const Settings& settings, std::ostream& progress_out) {
  RunReport report;
  report.settings = settings;
  const Workload& w = report.settings.workload;
  validate(w);
  const Target target = loopback_target(settings.host, settings.port);
  report.run_tag = settings.run_tag.empty() ? fresh_run_tag() : settings.run_tag;
  report.metadata = collect_metadata(settings.backend_name, settings.server_pid);
  auto say = [&](const std::string& line) {
    if (!settings.quiet) {
      progress_out << "[loadgen] " << line << std::endl;
    }
  };

  try {
    check_health(target);
    std::vector<std::string> account_ids;
    if (needs_accounts(w)) {
      say("setup: creating and funding " + std::to_string(w.accounts) + " accounts");
      report.setup = create_accounts(target, w, report.run_tag);
      account_ids = report.setup->account_ids;
      char line[96];
      std::snprintf(line, sizeof line, "setup: done in %.2f s", report.setup->seconds);
      say(line);
    }
    const RequestPlan plan(w, std::move(account_ids), target.host_header(), report.run_tag);

    LoadOptions options;
    options.target = target;
    options.threads = settings.threads;
    options.timeout = std::chrono::milliseconds(settings.timeout_ms);
    options.server_pid = settings.server_pid;
    if (!settings.quiet) {
      options.progress = [&](const Progress& p) {
        char line[160];
        std::snprintf(line, sizeof line, "[loadgen] %-7s %5.1f / %.0f s  %9.0f req/s", p.phase,
                      p.elapsed_s, p.phase_s, p.requests_per_s);
        progress_out << line << std::endl;
      };
    }
    char plan_line[160];
    std::snprintf(plan_line, sizeof plan_line,
                  "%s loop, %lld connections, %d thread(s), warm-up %g s, measure %g s",
                  w.mode == LoopMode::open ? "open" : "closed",
                  static_cast<long long>(w.connections), settings.threads, w.warmup_s,
                  w.duration_s);
    say(plan_line);
    report.load = run_load(options, plan);

    if (needs_accounts(w)) {
      say("verify: reading back " + std::to_string(w.accounts) + " balances");
      report.invariant = check_ledger_invariant(target, plan.account_ids, w.initial_balance,
                                                report.load->stats.deposits_succeeded,
                                                report.load->stats.deposits_in_doubt);
    }
    derive_figures(report);
    judge(report);
  } catch (const std::exception& e) {
    report.failures.emplace_back(e.what());
  }
  report.failed = !report.failures.empty();
  return report;
}

}  // namespace archbench::loadgen
