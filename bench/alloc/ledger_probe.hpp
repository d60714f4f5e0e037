// Allocations per request of one backend, endpoint by endpoint, over real HTTP: the backend is
// served in-process (http_probe.hpp), a small ledger is set up, every endpoint is warmed up,
// then each endpoint's requests are sent one by one over one keep-alive connection while the
// counting allocator (counting_allocator.hpp) counts. Every request is rendered before its
// window opens and the client allocates nothing, so what the window counts is the server's:
// transport, front and backend. Every answer must be a success (2xx, and no refused item in a
// batch): a backend that refuses cheaply must not look lean.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/ledger/service.hpp"

namespace archbench::alloc {

enum class Endpoint { get_account, list_transactions, deposit, transfer, transfer_batch };
inline constexpr std::array kEndpoints = {Endpoint::get_account, Endpoint::list_transactions,
                                          Endpoint::deposit, Endpoint::transfer,
                                          Endpoint::transfer_batch};
[[nodiscard]] std::string_view name(Endpoint endpoint) noexcept;

struct ProbeOptions {
  std::size_t requests = 10'000;  // measured per single-request endpoint
  std::size_t batches = 20;       // measured batch requests
  std::size_t batch_items = 100;  // transfers per batch
  std::size_t warm_up = 1'000;    // per endpoint before any window (batches: a tenth)
};

struct Measurement {
  std::uint64_t allocations = 0;
  std::size_t requests = 0;
  std::size_t failures = 0;  // answers that were not a success
  [[nodiscard]] double per_request() const {
    return requests == 0 ? 0.0 : static_cast<double>(allocations) / static_cast<double>(requests);
  }
};
using Measurements = std::array<Measurement, kEndpoints.size()>;

[[nodiscard]] inline const Measurement& of(const Measurements& all, Endpoint endpoint) {
  return all[static_cast<std::size_t>(endpoint)];
}

// Measures `service` (a fresh, empty ledger).
[[nodiscard]] Measurements measure(ledger::Service& service, const ProbeOptions& options = {});

}  // namespace archbench::alloc
