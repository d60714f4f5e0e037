// Request counts by route and HTTP status, exposed at GET /metrics in Prometheus' text format.
// Lock-free and sharded: recording is one relaxed atomic increment in the recording thread's
// own shard, so I/O threads (and backend threads answering late) never bounce a counter's cache
// line between them; the rare scrape sums the shards.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "common/ledger/contract.hpp"

namespace archbench::ledger {

class Metrics {
 public:
  // More shards than this machine's cores ever run recording threads at once; threads beyond
  // it share shards (still exact: the counters are atomic, only slower under contention).
  static constexpr std::size_t kShards = 16;

  Metrics();

  void record(Route route, int status) noexcept;
  // The sum over every shard: exact once the recording threads are done (or have synchronised
  // with the caller); a scrape during recording sees each counter at some recent value.
  [[nodiscard]] std::uint64_t count(Route route, int status) const noexcept;
  // archbench_requests_total{route="transfer",status="201"} 42 ... (non-zero series only)
  [[nodiscard]] std::string prometheus_text(std::string_view backend) const;

  // The shard the calling thread records into: fixed per thread, handed out in turn to threads
  // as they first record (shared by all Metrics objects). Exposed for tests.
  [[nodiscard]] static std::size_t this_thread_shard() noexcept;

 private:
  static constexpr int kMinStatus = 100;
  static constexpr int kStatusSlots = 500;  // 100..599
  // One thread's counters, starting on a cache line of its own (the array's size is a multiple
  // of 64 bytes, so the next shard starts on a fresh line too).
  struct alignas(64) Shard {
    std::array<std::array<std::atomic<std::uint64_t>, kStatusSlots>, kRouteCount> counts{};
  };
  static_assert(sizeof(Shard) % 64 == 0);
  // 36 KB a shard: on the heap, allocated once, so that a Metrics can live on any stack.
  std::unique_ptr<Shard[]> shards_;
};

}  // namespace archbench::ledger
