// Fixed tables of atomic counters, one per shard: recording a request is one relaxed increment
// in the calling thread's shard, with no lock and no allocation; the (rare) scrape sums the
// shards and formats the non-zero counters.
#include "common/ledger/metrics.hpp"

#include <iterator>
#include <string_view>
#include <utility>

namespace archbench::ledger {
namespace {

constexpr Route kAllRoutes[] = {
    Route::create_account, Route::get_account,    Route::deposit, Route::list_transactions,
    Route::transfer,       Route::transfer_batch, Route::health,  Route::metrics,
    Route::unknown};
static_assert(std::size(kAllRoutes) == kRouteCount);

// A Prometheus label value: backslash, double quote and newline must be escaped.
void append_label_value(std::string_view value, std::string& out) {
  for (const char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

std::atomic<std::size_t> g_next_shard{0};

}  // namespace

Metrics::Metrics() : shards_(std::make_unique<Shard[]>(kShards)) {}

std::size_t Metrics::this_thread_shard() noexcept {
  // Handed out in turn, not hashed from the thread id: N threads use N different shards as long
  // as N <= kShards, which is what keeps the I/O threads apart.
  thread_local const std::size_t shard =
      g_next_shard.fetch_add(1, std::memory_order_relaxed) % kShards;
  return shard;
}

void Metrics::record(Route route, int status) noexcept {
  const auto r = static_cast<std::size_t>(route);
  // A status outside 100..599 is not HTTP; count it nowhere rather than out of bounds.
  if (r >= kRouteCount || status < kMinStatus || status >= kMinStatus + kStatusSlots) return;
  // Relaxed: each counter is independent and read only for reporting, so no ordering is needed.
  shards_[this_thread_shard()].counts[r][static_cast<std::size_t>(status - kMinStatus)].fetch_add(
      1, std::memory_order_relaxed);
}

std::uint64_t Metrics::count(Route route, int status) const noexcept {
  const auto r = static_cast<std::size_t>(route);
  if (r >= kRouteCount || status < kMinStatus || status >= kMinStatus + kStatusSlots) return 0;
  std::uint64_t total = 0;
  for (std::size_t shard = 0; shard < kShards; ++shard) {
    total += shards_[shard].counts[r][static_cast<std::size_t>(status - kMinStatus)].load(
        std::memory_order_relaxed);
  }
  return total;
}

std::string Metrics::prometheus_text(std::string_view backend) const {
  std::string out =
      "# HELP archbench_requests_total Requests answered, by route and HTTP status.\n"
      "# TYPE archbench_requests_total counter\n";
  for (const Route route : kAllRoutes) {
    for (int status = kMinStatus; status < kMinStatus + kStatusSlots; ++status) {
      const std::uint64_t n = count(route, status);
      if (n == 0) continue;
      out += "archbench_requests_total{backend=\"";
      append_label_value(backend, out);
      out += "\",route=\"";
      out += route_name(route);
      out += "\",status=\"";
      out += std::to_string(status);
      out += "\"} ";
      out += std::to_string(n);
      out += '\n';
    }
  }
  return out;
}

}  // namespace archbench::ledger
