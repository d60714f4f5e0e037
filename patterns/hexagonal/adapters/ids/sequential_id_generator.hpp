// The baseline's ids, and the backend's default (--ids sequential): "acc-1", "acc-2", "dep-1",
// "tr-1", ... one counter per kind. Over a store that outlives the process (SQLite, Redis), the
// counters continue after the highest such ids the store already holds (the store port's
// highest_id_number()), so a restart never hands out an id twice. Measurements against the
// baseline therefore compare the ports, not the id schemes, over every store. Tests inject it
// too, so that their expectations can spell ids out.
//
// Unique only while one process at a time writes to the store: two backends over one Redis
// would count the same numbers. That is what --ids random is for.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

#include "hexagonal/ports/id_generator.hpp"
#include "hexagonal/ports/ledger_store.hpp"

namespace archbench::hexagonal::adapters {

class SequentialIdGenerator final : public ports::IdGenerator {
 public:
  // The prefix of each kind, in IdKind order.
  static constexpr std::array<const char*, 3> kPrefixes = {"acc-", "dep-", "tr-"};

  // Counts from 1.
  SequentialIdGenerator() = default;
  // Counts from one past the highest id of each kind that `store` holds.
  explicit SequentialIdGenerator(ports::LedgerStore& store) {
    for (std::size_t kind = 0; kind < kPrefixes.size(); ++kind) {
      next_.at(kind) = store.highest_id_number(kPrefixes.at(kind)) + 1;
    }
  }

  [[nodiscard]] std::string next_id(ports::IdKind kind) override {
    const auto index = static_cast<std::size_t>(kind);
    return kPrefixes.at(index) +
           std::to_string(next_.at(index).fetch_add(1, std::memory_order_relaxed));
  }

 private:
  std::array<std::atomic<std::uint64_t>, 3> next_{1, 1, 1};
};

}  // namespace archbench::hexagonal::adapters
