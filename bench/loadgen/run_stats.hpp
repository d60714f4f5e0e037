// What one load-generating thread measures, kept per thread so that recording needs no lock,
// and merged after the run. All storage is sized before the run starts: recording a response
// allocates nothing.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "loadgen/hdr_histogram.hpp"
#include "loadgen/ledger_expectation.hpp"
#include "loadgen/workload.hpp"

namespace archbench::loadgen {

// Is `status` a correct answer of `endpoint` under this workload? 409 is correct for a transfer
// only when it is insufficient_funds (the caller checks the body).
[[nodiscard]] constexpr bool expected_status(Endpoint endpoint, int status) noexcept {
  switch (endpoint) {
    case Endpoint::get_account:
    case Endpoint::list_transactions:
    case Endpoint::transfer_batch:  // per-item refusals are inside the 200 body
    case Endpoint::health:
      return status == 200;
    case Endpoint::deposit:
      return status == 201;
    case Endpoint::transfer:
      return status == 201 || status == 409;
  }
  return false;
}

inline constexpr int kStatusSlots = 1000;  // status codes are three digits
using StatusCounts = std::array<std::int64_t, kStatusSlots>;

struct EndpointStats {
  // Latency from the intended send time (coordinated-omission corrected) and from the actual
  // send time, of the answered requests whose intended time fell in the measured phase.
  // Nanoseconds.
  Histogram corrected = Histogram::latency_ns();
  Histogram uncorrected = Histogram::latency_ns();
  // The same phase's requests that timed out: never answered, so their latency is only known to
  // be at least (time given up - intended send time). They are the slowest requests of the run,
  // and dropping them would cut the tail off: they count in the reported latency at that lower
  // bound (see with_tail()).
  Histogram timed_out = Histogram::latency_ns();
  StatusCounts status_counts{};  // the answered requests, by status

  // Answered and timed-out requests together: what the corrected latency figures report.
  [[nodiscard]] Histogram with_tail() const;
};

struct TransportErrors {
  std::int64_t connect = 0;   // connection refused or failed
  std::int64_t reset = 0;     // closed or reset by the server mid-request
  std::int64_t timeout = 0;   // no complete answer within the request timeout
  std::int64_t protocol = 0;  // a response we cannot frame, or bytes nobody asked for
  [[nodiscard]] std::int64_t total() const noexcept { return connect + reset + timeout + protocol; }
  void add(const TransportErrors& o) noexcept {
    connect += o.connect;
    reset += o.reset;
    timeout += o.timeout;
    protocol += o.protocol;
  }
};

// One second of the measured phase, by completion time: hiccups show up here.
struct SecondStats {
  // 2 significant digits (1%) is plenty for a per-second curve and keeps an hour of seconds
  // small (32 KiB each).
  Histogram latency{1, 100'000'000'000, 2};  // corrected latency, ns
  std::int64_t completed = 0;
  std::int64_t errors = 0;
};

struct RunStats {
  explicit RunStats(std::size_t measured_seconds, std::size_t accounts = 0)
      : seconds(measured_seconds), ledger(accounts) {}

  std::array<EndpointStats, kEndpointCount> endpoints;
  Histogram schedule_lag = Histogram::latency_ns();  // open loop: actual - intended send time
  // Open loop: arrivals of the measured phase never sent (the server fell behind), at their
  // lower bound (end of the run - intended send time). No endpoint: they were never generated.
  Histogram unsent = Histogram::latency_ns();
  std::vector<SecondStats> seconds;
  TransportErrors errors;        // during the measured phase
  TransportErrors errors_total;  // over the whole run

  std::int64_t completed_in_window = 0;  // responses that arrived during the measured phase
  std::int64_t completed_total = 0;      // every response, warm-up and drain included
  std::int64_t sent_total = 0;
  std::int64_t backlog_unsent = 0;       // open loop: arrivals of the measured phase never sent
  std::int64_t scheduled_in_window = 0;  // open loop: arrivals intended in the measured phase

  // Correctness, over the whole run: every status by endpoint, and the answers that should not
  // have happened (a 409 transfer that is not insufficient_funds is counted here too).
  std::array<StatusCounts, kEndpointCount> all_status_counts{};
  std::array<std::int64_t, kEndpointCount> unexpected{};
  std::int64_t transfer_409_not_insufficient_funds = 0;
  // transfer_batch answers whose items could not be read, or held a status other than 201 or
  // 409 (counted in `unexpected` too).
  std::int64_t batch_items_unexpected = 0;

  // For the ledger check: what every acknowledged (or lost) deposit and transfer implies.
  LedgerExpectation ledger;

  void merge(const RunStats& other);
  // One histogram over every endpoint: all_endpoints(&EndpointStats::corrected).
  [[nodiscard]] Histogram all_endpoints(Histogram EndpointStats::*which) const;
  // The corrected latency of the run as reported: every endpoint's answered and timed-out
  // requests, and the arrivals never sent. Censored values (the last two) are lower bounds.
  [[nodiscard]] Histogram corrected_with_tail() const;
  // The censored values alone: timed out and never sent.
  [[nodiscard]] Histogram censored() const;
};

// Is what `h` reports at `percentile` only a lower bound, when the `censored` values recorded in
// it are lower bounds themselves? Raising censored values changes no rank below the smallest of
// them: the percentile is exact when every censored value lies above it (above the top of its
// sub-bucket, which is what is reported), and a lower bound otherwise. max and mean are lower
// bounds as soon as anything is censored.
[[nodiscard]] bool percentile_is_lower_bound(const Histogram& h, const Histogram& censored,
                                             double percentile) noexcept;

}  // namespace archbench::loadgen
