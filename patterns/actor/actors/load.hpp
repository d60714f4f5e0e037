// What the HTTP adapter and /metrics know about each actor, and the id sequences: the only
// state actors share, all of it atomic counters (no lock anywhere).
//
// ActorLoad: requests handed to an actor and not answered yet (the --max-in-flight bound: past
// it the adapter answers 503 `overloaded` instead of growing a mailbox without limit), and the
// messages it has handled. One per actor the adapter talks to, each on its own cache line.
//
// Sequences: the ids `acc-N`, `dep-N`, `tr-N`, one process-wide counter per kind like every
// backend here, a number taken only by a request that succeeds (docs/workload.md). An actor
// of their own would put one more message on every write's path for a convention of this
// repository, not a rule of the ledger; an atomic increment costs nothing and locks nothing.
#pragma once

#include <atomic>
#include <cstdint>

namespace archbench::actor {

struct alignas(64) ActorLoad {
  std::atomic<std::int64_t> in_flight{0};   // requests accepted, not answered yet
  std::atomic<std::uint64_t> processed{0};  // messages handled (relaxed: a statistic)
  std::atomic<std::uint64_t> restarts{0};   // actors of this kind restarted by a supervisor

  void count_message() noexcept { processed.fetch_add(1, std::memory_order_relaxed); }
};

struct Sequences {
  std::atomic<std::uint64_t> account{1};
  std::atomic<std::uint64_t> deposit{1};
  std::atomic<std::uint64_t> transfer{1};
  // 1 in one process. A shard host (remote/) numbers 1+i, 1+i+n, ...: set before any id is
  // taken, when the front tells it that it is shard i of n, so that hosts never share an id.
  std::uint64_t stride = 1;

  std::uint64_t take(std::atomic<std::uint64_t>& next) const noexcept {
    return next.fetch_add(stride, std::memory_order_relaxed);
  }
};

}  // namespace archbench::actor
