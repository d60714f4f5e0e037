// Merging per-thread measurements.
#include "loadgen/run_stats.hpp"

namespace archbench::loadgen {

Histogram EndpointStats::with_tail() const {
  Histogram total = corrected;
  total.add(timed_out);
  return total;
}

void RunStats::merge(const RunStats& other) {
  for (std::size_t e = 0; e < kEndpointCount; ++e) {
    endpoints[e].corrected.add(other.endpoints[e].corrected);
    endpoints[e].uncorrected.add(other.endpoints[e].uncorrected);
    endpoints[e].timed_out.add(other.endpoints[e].timed_out);
    for (int s = 0; s < kStatusSlots; ++s) {
      const auto i = static_cast<std::size_t>(s);
      endpoints[e].status_counts[i] += other.endpoints[e].status_counts[i];
      all_status_counts[e][i] += other.all_status_counts[e][i];
    }
    unexpected[e] += other.unexpected[e];
  }
  schedule_lag.add(other.schedule_lag);
  unsent.add(other.unsent);
  if (seconds.size() < other.seconds.size()) {
    seconds.resize(other.seconds.size());
  }
  for (std::size_t s = 0; s < other.seconds.size(); ++s) {
    seconds[s].latency.add(other.seconds[s].latency);
    seconds[s].completed += other.seconds[s].completed;
    seconds[s].errors += other.seconds[s].errors;
  }
  errors.add(other.errors);
  errors_total.add(other.errors_total);
  completed_in_window += other.completed_in_window;
  completed_total += other.completed_total;
  sent_total += other.sent_total;
  backlog_unsent += other.backlog_unsent;
  scheduled_in_window += other.scheduled_in_window;
  transfer_409_not_insufficient_funds += other.transfer_409_not_insufficient_funds;
  batch_items_unexpected += other.batch_items_unexpected;
  ledger.merge(other.ledger);
}

Histogram RunStats::all_endpoints(Histogram EndpointStats::*which) const {
  Histogram total = Histogram::latency_ns();
  for (const EndpointStats& endpoint : endpoints) {
    total.add(endpoint.*which);
  }
  return total;
}

Histogram RunStats::corrected_with_tail() const {
  Histogram total = censored();
  total.add(all_endpoints(&EndpointStats::corrected));
  return total;
}

Histogram RunStats::censored() const {
  Histogram total = unsent;
  total.add(all_endpoints(&EndpointStats::timed_out));
  return total;
}

bool percentile_is_lower_bound(const Histogram& h, const Histogram& censored,
                               double percentile) noexcept {
  return censored.total_count() > 0 && censored.min() <= h.value_at_percentile(percentile);
}

}  // namespace archbench::loadgen
