// Request counts by route and HTTP status, exposed at GET /metrics in Prometheus' text format.
// Lock-free: one relaxed atomic increment per request.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

#include "common/ledger/contract.hpp"

namespace archbench::ledger {

class Metrics {
 public:
  void record(Route route, int status) noexcept;
  [[nodiscard]] std::uint64_t count(Route route, int status) const noexcept;
  // archbench_requests_total{route="transfer",status="201"} 42 ... (non-zero series only)
  [[nodiscard]] std::string prometheus_text(std::string_view backend) const;

 private:
  static constexpr int kMinStatus = 100;
  static constexpr int kStatusSlots = 500;  // 100..599
  std::array<std::array<std::atomic<std::uint64_t>, kStatusSlots>, kRouteCount> counts_{};
};

}  // namespace archbench::ledger
