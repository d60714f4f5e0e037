// print_summary: a wrk-like table, in microseconds, with the verdict on top and at the bottom.
#include "loadgen/summary.hpp"

#include <cstdio>
#include <ostream>
#include <string>

namespace archbench::loadgen {
namespace {

std::string fmt(const char* format, double value) {
  char text[64];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  std::snprintf(text, sizeof text, format, value);
#pragma GCC diagnostic pop
  return text;
}

// A latency in ns, written in the unit that keeps it readable.
std::string latency(double ns) {
  if (ns < 1e6) {
    return fmt("%.1fus", ns / 1e3);
  }
  if (ns < 1e9) {
    return fmt("%.2fms", ns / 1e6);
  }
  return fmt("%.2fs", ns / 1e9);
}

// One row of percentiles. With `censored` (values recorded at a lower bound, included in h), a
// figure they make a lower bound is written ">figure".
void latency_row(std::ostream& out, const std::string& label, const Histogram& h,
                 const Histogram* censored = nullptr) {
  char line[256];
  if (h.total_count() == 0) {
    std::snprintf(line, sizeof line, "  %-22s (no requests)\n", label.c_str());
    out << line;
    return;
  }
  const bool any_censored = censored != nullptr && censored->total_count() > 0;
  auto bound = [&](bool lower, const std::string& text) { return (lower ? ">" : "") + text; };
  auto p = [&](double q) {
    return bound(any_censored && percentile_is_lower_bound(h, *censored, q),
                 latency(static_cast<double>(h.value_at_percentile(q))));
  };
  std::snprintf(line, sizeof line, "  %-22s %9s %9s %9s %9s %9s %9s %9s %9s\n", label.c_str(),
                p(50).c_str(), p(90).c_str(), p(99).c_str(), p(99.9).c_str(), p(99.99).c_str(),
                bound(any_censored, latency(static_cast<double>(h.max()))).c_str(),
                bound(any_censored, latency(h.mean())).c_str(), latency(h.stddev()).c_str());
  out << line;
}

}  // namespace

void print_summary(std::ostream& out, const RunReport& report) {
  const Workload& w = report.settings.workload;
  const std::string rule(78, '=');
  out << rule << "\n";
  if (report.failed) {
    out << "RUN FAILED -- these numbers are not a result and must not be plotted:\n";
    for (const auto& f : report.failures) {
      out << "  FAILED: " << f << "\n";
    }
  } else {
    out << "archbench-loadgen: run OK\n";
  }
  for (const auto& warning : report.warnings) {
    out << "  WARNING: " << warning << "\n";
  }
  out << rule << "\n";
  out << "backend " << report.settings.backend_name << " at " << report.settings.host << ":"
      << report.settings.port << ", workload " << w.name << " (seed " << w.seed << "), "
      << (w.mode == LoopMode::open ? "open loop " + fmt("%.0f req/s ", w.rate) +
                                         (w.arrival == Arrival::poisson ? "poisson" : "constant")
                                   : std::string("closed loop"))
      << ", " << w.connections << " connections, " << report.settings.threads << " thread(s), "
      << fmt("%.0f", w.duration_s) << " s after " << fmt("%.0f", w.warmup_s) << " s warm-up\n";
  if (report.setup) {
    out << "setup: " << report.setup->account_ids.size() << " accounts in "
        << fmt("%.2f", report.setup->seconds) << " s\n";
  }
  if (!report.load) {
    return;
  }

  const RunStats& stats = report.load->stats;
  out << "\nlatency (from intended send time" << (w.mode == LoopMode::closed ? " = actual" : "")
      << ")\n";
  char head[256];
  std::snprintf(head, sizeof head, "  %-22s %9s %9s %9s %9s %9s %9s %9s %9s\n", "", "p50", "p90",
                "p99", "p99.9", "p99.99", "max", "mean", "stddev");
  out << head;
  const Histogram censored = stats.censored();
  latency_row(out, "all", stats.corrected_with_tail(), &censored);
  if (censored.total_count() > 0) {
    latency_row(out, "all, answered only", stats.all_endpoints(&EndpointStats::corrected));
  }
  if (w.mode == LoopMode::open) {
    latency_row(out, "all, uncorrected", stats.all_endpoints(&EndpointStats::uncorrected));
    latency_row(out, "schedule lag", stats.schedule_lag);
  }
  for (std::size_t e = 0; e < kEndpointCount; ++e) {
    if (w.mix[e] > 0) {
      latency_row(out, std::string(endpoint_name(static_cast<Endpoint>(e))),
                  stats.endpoints[e].with_tail(), &stats.endpoints[e].timed_out);
    }
  }
  if (censored.total_count() > 0) {
    out << "  \">\": a lower bound. " << censored.total_count()
        << " requests of the measured phase were never answered (" << stats.backlog_unsent
        << " never sent, " << censored.total_count() - stats.backlog_unsent
        << " timed out): each counts at (time given up - intended send time)\n";
  }

  out << "\nstatus counts (measured phase)\n";
  for (std::size_t e = 0; e < kEndpointCount; ++e) {
    if (w.mix[e] <= 0) {
      continue;
    }
    out << "  " << endpoint_name(static_cast<Endpoint>(e)) << ":";
    for (int s = 0; s < kStatusSlots; ++s) {
      const auto n = stats.endpoints[e].status_counts[static_cast<std::size_t>(s)];
      if (n > 0) {
        out << " " << s << " x" << n;
      }
    }
    out << "\n";
  }
  const auto& errors = stats.errors;
  out << "transport errors (measured phase): " << errors.total() << " (connect " << errors.connect
      << ", reset " << errors.reset << ", timeout " << errors.timeout << ", protocol "
      << errors.protocol << ")\n";

  out << "\nthroughput: " << fmt("%.0f", report.throughput_rps) << " req/s ("
      << stats.completed_in_window << " responses in " << fmt("%.0f", w.duration_s) << " s)";
  if (w.mode == LoopMode::open) {
    out << ", " << fmt("%.1f", 100.0 * report.throughput_rps / w.rate) << "% of the nominal rate; "
        << stats.scheduled_in_window << " arrivals scheduled, "
        << fmt("%.1f", 100.0 * report.completion_ratio.value_or(0)) << "% answered in the phase";
  }
  out << "\n";
  out << "client: " << fmt("%.2f", report.client_cpu_us_per_request.value_or(0))
      << " us CPU/request, busiest thread " << fmt("%.0f", report.max_thread_utilisation * 100)
      << "% busy";
  if (report.client_bound) {
    out << "  <== CLIENT-BOUND: this is the load generator's limit";
  }
  out << "\n";
  if (report.server_cpu_us_per_request) {
    const auto& after = report.load->server_after;
    out << "server: " << fmt("%.2f", *report.server_cpu_us_per_request) << " us CPU/request, "
        << fmt("%.0f", report.server_utilisation.value_or(0) * 100) << "% of a core";
    if (after && after->vm_hwm_kib) {
      out << ", peak RSS " << *after->vm_hwm_kib / 1024 << " MiB";
    }
    if (report.server_max_thread_utilisation) {
      out << ", busiest thread " << fmt("%.0f", *report.server_max_thread_utilisation * 100)
          << "% busy" << (report.server_saturated.value_or(false) ? " (saturated)" : "");
    }
    out << "\n";
  }
  if (report.machine_bound.value_or(false)) {
    out << "  <== MACHINE-BOUND: neither side saturated; this throughput ranks nothing\n";
  }
  const auto& before = report.load->machine_before;
  const auto& after_machine = report.load->machine_after;
  if (before && after_machine && before->loadavg && after_machine->loadavg) {
    out << "machine: load average " << fmt("%.2f", (*before->loadavg)[0]) << " -> "
        << fmt("%.2f", (*after_machine->loadavg)[0]) << ", CPUs "
        << fmt("%.0f", report.machine_busy_share.value_or(0) * 100) << "% busy, steal "
        << fmt("%.1f", report.machine_steal_share.value_or(0) * 100) << "%\n";
  }
  if (report.invariant.checked) {
    out << "ledger check: " << (report.invariant.ok ? "OK, " : "BROKEN, ")
        << report.invariant.message << "\n";
  }
  out << rule << "\n";
  if (report.failed) {
    out << "RUN FAILED\n";
  }
}

}  // namespace archbench::loadgen
