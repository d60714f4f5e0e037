// When an open-loop run *intends* to send each request: at a constant rate, or as a Poisson
// process (exponential gaps) drawn from a seed. The times exist before any request is sent, so
// a slow server cannot push them back: latency is measured from them (no coordinated omission).
#pragma once

#include <cmath>
#include <cstdint>

#include "loadgen/rng.hpp"
#include "loadgen/workload.hpp"

namespace archbench::loadgen {

class ArrivalSchedule {
 public:
  // rate in requests per second (> 0); the first arrival is at first_ns.
  ArrivalSchedule(Arrival kind, double rate, std::int64_t first_ns, std::uint64_t seed)
      : kind_(kind),
        period_ns_(1e9 / rate),
        first_ns_(static_cast<double>(first_ns)),
        time_ns_(first_ns_),
        rng_(seed, 0xa77) {}

  // The intended send time of the next request, in ns on the run's clock.
  [[nodiscard]] std::int64_t next() const noexcept { return static_cast<std::int64_t>(time_ns_); }

  void advance() noexcept {
    ++index_;
    if (kind_ == Arrival::constant) {
      // From the index, not by adding up periods: no drift over millions of arrivals.
      time_ns_ = first_ns_ + static_cast<double>(index_) * period_ns_;
    } else {
      time_ns_ += rng_.exponential(period_ns_);
    }
  }

 private:
  Arrival kind_;
  double period_ns_;
  double first_ns_;
  double time_ns_;
  std::int64_t index_ = 0;
  Rng rng_;
};

}  // namespace archbench::loadgen
