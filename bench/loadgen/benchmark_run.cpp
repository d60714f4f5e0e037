// execute(): the phases of a run, and the rules that make a run failed, client-bound or short of
// its rate.
#include "loadgen/benchmark_run.hpp"

#include <unistd.h>

#include <algorithm>
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

double cpu_count(const nlohmann::json& cpus) {
  return cpus.is_array() && !cpus.empty() ? static_cast<double>(cpus.size()) : 1.0;
}

void derive_server(RunReport& report) {
  const LoadResult& load = *report.load;
  const auto requests = static_cast<double>(load.stats.completed_in_window);
  if (!load.server_before || !load.server_after) {
    return;
  }
  const auto server_cpu =
      static_cast<double>(load.server_after->cpu_us - load.server_before->cpu_us);
  if (requests > 0) {
    report.server_cpu_us_per_request = server_cpu / requests;
  }
  report.server_utilisation = server_cpu / 1e6 / load.measured_s;
  if (load.server_threads_after.empty()) {
    return;
  }
  const double usable = std::min(cpu_count(report.metadata.value("server_cpus", nlohmann::json())),
                                 static_cast<double>(load.server_threads_after.size()));
  report.server_process_utilisation = *report.server_utilisation / std::max(usable, 1.0);
  report.server_max_thread_utilisation = max_thread_utilisation(
      load.server_threads_before, load.server_threads_after, load.measured_s);
  report.server_saturated =
      saturated(*report.server_max_thread_utilisation, *report.server_process_utilisation);
}

void derive_machine(RunReport& report) {
  const LoadResult& load = *report.load;
  if (!load.machine_before || !load.machine_after) {
    return;
  }
  const auto total =
      static_cast<double>(load.machine_after->total_ticks - load.machine_before->total_ticks);
  if (total <= 0) {
    return;  // a phase shorter than a clock tick
  }
  const auto idle =
      static_cast<double>(load.machine_after->idle_ticks - load.machine_before->idle_ticks);
  const auto steal =
      static_cast<double>(load.machine_after->steal_ticks - load.machine_before->steal_ticks);
  // Clamped: the kernel's iowait counter may step backwards.
  report.machine_busy_share = std::clamp(1.0 - idle / total, 0.0, 1.0);
  report.machine_steal_share = std::clamp(steal / total, 0.0, 1.0);
}

}  // namespace

bool saturated(double max_thread_utilisation, double process_utilisation) noexcept {
  return max_thread_utilisation >= kSaturatedUtilisation ||
         process_utilisation >= kSaturatedUtilisation;
}

bool rate_not_achieved(std::int64_t completed_in_window,
                       std::int64_t scheduled_in_window) noexcept {
  return static_cast<double>(completed_in_window) <
         kRateAchievedShare * static_cast<double>(scheduled_in_window);
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
  for (double u : load.thread_utilisation) {
    report.max_thread_utilisation = std::max(report.max_thread_utilisation, u);
  }
  const double usable = std::min(cpu_count(report.metadata.value("client_cpus", nlohmann::json())),
                                 static_cast<double>(load.thread_utilisation.size()));
  report.client_process_utilisation =
      static_cast<double>(load.client_cpu_us) / 1e6 / load.measured_s / std::max(usable, 1.0);
  report.client_bound = saturated(report.max_thread_utilisation, report.client_process_utilisation);
  derive_server(report);
  derive_machine(report);
  if (w.mode == LoopMode::open) {
    if (stats.scheduled_in_window > 0) {
      report.completion_ratio = requests / static_cast<double>(stats.scheduled_in_window);
    }
    report.rate_not_achieved =
        rate_not_achieved(stats.completed_in_window, stats.scheduled_in_window);
  } else if (report.server_saturated) {
    report.machine_bound = !report.client_bound && !*report.server_saturated;
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
    if (stats.batch_items_unexpected > 0) {
      line +=
          " transfer_batch answers with unreadable items or item statuses other than 201/409"
          " x" +
          std::to_string(stats.batch_items_unexpected) + ";";
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
        "RATE NOT ACHIEVED: " + std::to_string(stats.completed_in_window) + " answers for " +
        std::to_string(stats.scheduled_in_window) + " scheduled arrivals (" +
        std::to_string(static_cast<long long>(report.throughput_rps)) + " of " +
        std::to_string(static_cast<long long>(report.settings.workload.rate)) + " requests/s)");
  }
  if (stats.censored().total_count() > 0) {
    report.warnings.push_back(
        "TAIL CENSORED: " + std::to_string(stats.censored().total_count()) +
        " requests of the measured phase were never answered (" +
        std::to_string(stats.backlog_unsent) +
        " never sent, the rest timed out); they count at their lower bound, so the "
        "percentiles they reach are lower bounds");
  }
  if (report.machine_bound.value_or(false)) {
    char line[256];
    std::snprintf(line, sizeof line,
                  "MACHINE-BOUND: neither the server (busiest thread %.0f%%, %.0f%% of its CPUs) "
                  "nor the load generator (busiest thread %.0f%%) was saturated; the throughput "
                  "ranks nothing",
                  report.server_max_thread_utilisation.value_or(0) * 100,
                  report.server_process_utilisation.value_or(0) * 100,
                  report.max_thread_utilisation * 100);
    report.warnings.emplace_back(line);
  }
  const auto& loadavg = report.load->machine_before;
  const nlohmann::json cores = report.metadata.value("cores_online", nlohmann::json());
  if (loadavg && loadavg->loadavg && cores.is_number() &&
      (*loadavg->loadavg)[0] > cores.get<double>()) {
    char line[160];
    std::snprintf(line, sizeof line,
                  "BUSY MACHINE: load average %.2f on %d CPUs before the measured phase",
                  (*loadavg->loadavg)[0], cores.get<int>());
    report.warnings.emplace_back(line);
  }
  if (report.settings.server_pid && !report.server_cpu_us_per_request) {
    report.warnings.push_back("could not read /proc of server pid " +
                              std::to_string(*report.settings.server_pid));
  }
}

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
                                                report.load->stats.ledger);
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
