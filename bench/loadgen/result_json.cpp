// result_to_json and the histogram (de)serialisation; see RESULT_SCHEMA.md for the meaning of
// every field.
#include "loadgen/result_json.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace archbench::loadgen {
namespace {

using json = nlohmann::json;

double us(double ns) { return std::round(ns) / 1000.0; }

json status_counts_json(const StatusCounts& counts) {
  json out = json::object();
  for (int s = 0; s < kStatusSlots; ++s) {
    const auto n = counts[static_cast<std::size_t>(s)];
    if (n > 0) {
      out[std::to_string(s)] = n;
    }
  }
  return out;
}

json errors_json(const TransportErrors& e) {
  return {{"connect", e.connect},
          {"reset", e.reset},
          {"timeout", e.timeout},
          {"protocol", e.protocol},
          {"total", e.total()}};
}

json optional_json(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

bool endpoint_used(const RunReport& report, std::size_t e) {
  return report.settings.workload.mix[e] > 0;
}

json optional_bool(const std::optional<bool>& v) { return v ? json(*v) : json(nullptr); }

json loadavg_json(const std::optional<MachineSample>& sample) {
  if (!sample || !sample->loadavg) {
    return nullptr;
  }
  return *sample->loadavg;
}

json machine_json(const RunReport& report) {
  const LoadResult& load = *report.load;
  return {
      {"loadavg_before", loadavg_json(load.machine_before)},
      {"loadavg_after", loadavg_json(load.machine_after)},
      {"busy_share", optional_json(report.machine_busy_share)},
      {"steal_share", optional_json(report.machine_steal_share)},
  };
}

json figures_json(const RunReport& report, const Histogram& corrected,
                  const Histogram& uncorrected) {
  const Workload& w = report.settings.workload;
  const LoadResult& load = *report.load;
  const RunStats& stats = load.stats;
  const Histogram censored = stats.censored();

  json endpoints = json::object();
  for (std::size_t e = 0; e < kEndpointCount; ++e) {
    if (!endpoint_used(report, e)) {
      continue;
    }
    const EndpointStats& es = stats.endpoints[e];
    endpoints[std::string(endpoint_name(static_cast<Endpoint>(e)))] = {
        {"requests", es.corrected.total_count()},
        {"throughput_rps", static_cast<double>(es.corrected.total_count()) / w.duration_s},
        {"timed_out", es.timed_out.total_count()},
        {"latency", latency_summary(es.with_tail(), &es.timed_out)},
        {"latency_answered", latency_summary(es.corrected)},
        {"latency_uncorrected", latency_summary(es.uncorrected)},
        {"status_counts", status_counts_json(es.status_counts)},
    };
  }

  json server = nullptr;
  if (load.server_before && load.server_after) {
    auto kib = [](const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); };
    server = {
        {"pid", *report.settings.server_pid},
        {"cpu_us", load.server_after->cpu_us - load.server_before->cpu_us},
        {"cpu_us_per_request", optional_json(report.server_cpu_us_per_request)},
        {"utilisation", optional_json(report.server_utilisation)},
        {"vm_hwm_kib_before", kib(load.server_before->vm_hwm_kib)},
        {"vm_hwm_kib_after", kib(load.server_after->vm_hwm_kib)},
        {"vm_rss_kib_after", kib(load.server_after->vm_rss_kib)},
        {"threads", load.server_threads_after.empty() ? json(nullptr)
                                                      : json(load.server_threads_after.size())},
        {"max_thread_utilisation", optional_json(report.server_max_thread_utilisation)},
        {"process_utilisation", optional_json(report.server_process_utilisation)},
        {"saturated", optional_bool(report.server_saturated)},
    };
  }

  return {
      {"duration_s", w.duration_s},
      {"measured_wall_s", load.measured_s},
      {"requests", stats.completed_in_window},
      {"throughput_rps", report.throughput_rps},
      {"target_rate_rps", w.mode == LoopMode::open ? json(w.rate) : json(nullptr)},
      {"rate_achieved_ratio",
       w.mode == LoopMode::open ? json(report.throughput_rps / w.rate) : json(nullptr)},
      {"scheduled_in_window",
       w.mode == LoopMode::open ? json(stats.scheduled_in_window) : json(nullptr)},
      {"completion_ratio", optional_json(report.completion_ratio)},
      {"latency", latency_summary(corrected, &censored)},
      {"latency_answered", latency_summary(stats.all_endpoints(&EndpointStats::corrected))},
      {"latency_uncorrected", latency_summary(uncorrected)},
      {"censored",
       {{"total", censored.total_count()},
        {"unsent", stats.unsent.total_count()},
        {"timed_out", censored.total_count() - stats.unsent.total_count()}}},
      {"schedule_lag",
       w.mode == LoopMode::open ? latency_summary(stats.schedule_lag) : json(nullptr)},
      {"endpoints", endpoints},
      {"errors", errors_json(stats.errors)},
      {"errors_whole_run", errors_json(stats.errors_total)},
      {"sent_total", stats.sent_total},
      {"completed_total", stats.completed_total},
      {"backlog_unsent", stats.backlog_unsent},
      {"client",
       {{"cpu_us", load.client_cpu_us},
        {"cpu_us_per_request", optional_json(report.client_cpu_us_per_request)},
        {"thread_utilisation", load.thread_utilisation},
        {"max_thread_utilisation", report.max_thread_utilisation},
        {"process_utilisation", report.client_process_utilisation},
        {"client_bound", report.client_bound}}},
      {"server", server},
      {"machine", machine_json(report)},
  };
}

json series_json(const RunReport& report) {
  const double duration = report.settings.workload.duration_s;
  json seconds = json::array();
  const auto& all = report.load->stats.seconds;
  for (std::size_t s = 0; s < all.size(); ++s) {
    const double length = std::min(1.0, duration - static_cast<double>(s));
    const Histogram& h = all[s].latency;
    const bool any = h.total_count() > 0;
    seconds.push_back({
        {"t_s", static_cast<double>(s)},
        {"length_s", length},
        {"requests", all[s].completed},
        {"requests_per_s", static_cast<double>(all[s].completed) / length},
        {"errors", all[s].errors},
        {"p50_us", any ? json(us(static_cast<double>(h.value_at_percentile(50)))) : json(nullptr)},
        {"p99_us", any ? json(us(static_cast<double>(h.value_at_percentile(99)))) : json(nullptr)},
        {"max_us", any ? json(us(static_cast<double>(h.max()))) : json(nullptr)},
    });
  }
  return {{"interval_s", 1.0}, {"basis", "completion_time"}, {"seconds", seconds}};
}

json checks_json(const RunReport& report) {
  const InvariantCheck& inv = report.invariant;
  json mismatches = json::array();
  for (const BalanceMismatch& m : inv.mismatches) {
    mismatches.push_back({{"account", m.account},
                          {"balance", m.balance},
                          {"lowest", m.lowest},
                          {"highest", m.highest}});
  }
  json invariant = {
      {"checked", inv.checked},
      {"ok", inv.ok},
      {"accounts", inv.accounts},
      {"initial_total", inv.initial_total},
      {"deposits_total", inv.deposits_total},
      {"deposits_in_doubt", inv.deposits_in_doubt},
      {"expected_total", inv.expected_total},
      {"actual_total", inv.actual_total},
      {"negative_balances", inv.negative_balances},
      {"unreadable_accounts", inv.unreadable_accounts},
      {"acknowledged_operations", inv.acknowledged_operations},
      {"accounts_outside_range", inv.accounts_outside_range},
      {"mismatches", mismatches},
      {"unknown_outcome_requests", inv.unknown_outcome_requests},
      {"unknown_outcome_operations", inv.unknown_outcome_operations},
      {"unknown_outcome_accounts", inv.unknown_outcome_accounts},
      {"unknown_outcome_account_ids", inv.unknown_outcome_account_ids},
      {"message", inv.message},
  };
  json statuses = nullptr;
  if (report.load) {
    const RunStats& stats = report.load->stats;
    json by_endpoint = json::object();
    for (std::size_t e = 0; e < kEndpointCount; ++e) {
      if (!endpoint_used(report, e)) {
        continue;
      }
      by_endpoint[std::string(endpoint_name(static_cast<Endpoint>(e)))] = {
          {"status_counts", status_counts_json(stats.all_status_counts[e])},
          {"unexpected", stats.unexpected[e]},
      };
    }
    statuses = {
        {"ok", report.unexpected_total() == 0},
        {"unexpected_total", report.unexpected_total()},
        {"transfer_409_not_insufficient_funds", stats.transfer_409_not_insufficient_funds},
        {"transfer_batch_bad_items", stats.batch_items_unexpected},
        {"by_endpoint", by_endpoint},
    };
  }
  return {{"statuses", statuses}, {"invariant", invariant}};
}

}  // namespace

json histogram_to_json(const Histogram& h) {
  json counts = json::array();
  for (const auto& [index, count] : h.nonzero_counts()) {
    counts.push_back({index, count});
  }
  return {
      {"unit", "ns"},
      {"lowest_discernible_value", h.lowest_discernible()},
      {"highest_trackable_value", h.highest_trackable()},
      {"significant_figures", h.significant_figures()},
      {"total_count", h.total_count()},
      {"min", h.min()},
      {"max", h.max()},
      {"clamped_count", h.clamped_count()},
      {"counts", counts},
  };
}

Histogram histogram_from_json(const json& j) {
  std::vector<std::pair<std::int32_t, std::int64_t>> counts;
  for (const auto& pair : j.at("counts")) {
    if (!pair.is_array() || pair.size() != 2) {
      throw std::runtime_error("histogram: bad counts");
    }
    counts.emplace_back(pair[0].get<std::int32_t>(), pair[1].get<std::int64_t>());
  }
  Histogram h = Histogram::from_counts(
      j.at("lowest_discernible_value").get<std::int64_t>(),
      j.at("highest_trackable_value").get<std::int64_t>(), j.at("significant_figures").get<int>(),
      counts, j.at("min").get<std::int64_t>(), j.at("max").get<std::int64_t>(),
      j.value("clamped_count", std::int64_t{0}));
  if (h.total_count() != j.at("total_count").get<std::int64_t>()) {
    throw std::runtime_error("histogram: total_count does not match its counts");
  }
  return h;
}

json latency_summary(const Histogram& h, const Histogram* censored) {
  const std::int64_t censored_count = censored ? censored->total_count() : 0;
  json lower_bounds = json::array();
  if (h.total_count() == 0) {
    return {{"count", 0},           {"min_us", nullptr},   {"mean_us", nullptr},
            {"stddev_us", nullptr}, {"p50_us", nullptr},   {"p90_us", nullptr},
            {"p99_us", nullptr},    {"p99_9_us", nullptr}, {"p99_99_us", nullptr},
            {"max_us", nullptr},    {"censored_count", 0}, {"lower_bounds", lower_bounds}};
  }
  auto at = [&](double p) { return us(static_cast<double>(h.value_at_percentile(p))); };
  if (censored_count > 0) {
    lower_bounds.push_back("mean_us");
    for (const auto& [name, p] :
         {std::pair{"p50_us", 50.0}, std::pair{"p90_us", 90.0}, std::pair{"p99_us", 99.0},
          std::pair{"p99_9_us", 99.9}, std::pair{"p99_99_us", 99.99}}) {
      if (percentile_is_lower_bound(h, *censored, p)) {
        lower_bounds.push_back(name);
      }
    }
    lower_bounds.push_back("max_us");
  }
  return {
      {"count", h.total_count()},
      {"min_us", us(static_cast<double>(h.min()))},
      {"mean_us", us(h.mean())},
      {"stddev_us", us(h.stddev())},
      {"p50_us", at(50)},
      {"p90_us", at(90)},
      {"p99_us", at(99)},
      {"p99_9_us", at(99.9)},
      {"p99_99_us", at(99.99)},
      {"max_us", us(static_cast<double>(h.max()))},
      {"censored_count", censored_count},
      {"lower_bounds", lower_bounds},
  };
}

json result_to_json(const RunReport& report) {
  const Settings& s = report.settings;
  json result = {
      {"schema_version", kResultSchemaVersion},
      {"kind", "archbench-loadgen-result"},
      {"status", report.failed ? "failed" : "ok"},
      {"failures", report.failures},
      {"warnings", report.warnings},
      {"flags",
       {{"client_bound", report.client_bound},
        {"rate_not_achieved", report.rate_not_achieved},
        {"transport_errors", report.load && report.load->stats.errors_total.total() > 0},
        {"machine_bound", optional_bool(report.machine_bound)},
        {"tail_censored", report.load && report.load->stats.censored().total_count() > 0}}},
      {"metadata", report.metadata},
      {"config",
       {{"host", s.host},
        {"port", s.port},
        {"threads", s.threads},
        {"timeout_ms", s.timeout_ms},
        {"server_pid", s.server_pid ? json(*s.server_pid) : json(nullptr)},
        {"backend_name", s.backend_name},
        {"workload_file", s.workload_path},
        {"run_tag", report.run_tag}}},
      {"workload", to_json(s.workload)},
      {"setup", report.setup ? json{{"accounts", report.setup->account_ids.size()},
                                    {"requests", report.setup->requests},
                                    {"seconds", report.setup->seconds}}
                             : json(nullptr)},
      {"figures", nullptr},
      {"series", nullptr},
      {"checks", checks_json(report)},
      {"histograms", nullptr},
  };
  if (report.load) {
    const RunStats& stats = report.load->stats;
    const Histogram corrected = stats.corrected_with_tail();
    const Histogram uncorrected = stats.all_endpoints(&EndpointStats::uncorrected);
    json endpoint_histograms = json::object();
    for (std::size_t e = 0; e < kEndpointCount; ++e) {
      if (!endpoint_used(report, e)) {
        continue;
      }
      endpoint_histograms[std::string(endpoint_name(static_cast<Endpoint>(e)))] = {
          {"latency", histogram_to_json(stats.endpoints[e].with_tail())},
          {"latency_uncorrected", histogram_to_json(stats.endpoints[e].uncorrected)},
          {"latency_censored", histogram_to_json(stats.endpoints[e].timed_out)},
      };
    }
    result["figures"] = figures_json(report, corrected, uncorrected);
    result["series"] = series_json(report);
    result["histograms"] = {
        {"latency", histogram_to_json(corrected)},
        {"latency_uncorrected", histogram_to_json(uncorrected)},
        {"latency_censored", histogram_to_json(stats.censored())},
        {"schedule_lag",
         s.workload.mode == LoopMode::open ? histogram_to_json(stats.schedule_lag) : json(nullptr)},
        {"endpoints", endpoint_histograms},
    };
  }
  return result;
}

}  // namespace archbench::loadgen
