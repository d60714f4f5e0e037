// Predictable ids, the baseline's: "acc-1", "acc-2", "dep-1", "tr-1", ... one counter per
// kind, from 1 in each process. Tests inject it so that their expectations can spell ids out;
// `archbench-hexagonal --ids sequential` uses it so that measurements against the baseline
// compare the ports, not the id schemes. Unique only within one process: the composition root
// therefore allows it over the memory store only.
#pragma once

#include <array>
#include <atomic>
#include <string>

#include "hexagonal/ports/id_generator.hpp"

namespace archbench::hexagonal::adapters {

class SequentialIdGenerator final : public ports::IdGenerator {
 public:
  [[nodiscard]] std::string next_id(ports::IdKind kind) override {
    const auto index = static_cast<std::size_t>(kind);
    static constexpr std::array<const char*, 3> kPrefixes = {"acc-", "dep-",
                                                             "tr-"};  // IdKind order
    return kPrefixes.at(index) +
           std::to_string(next_.at(index).fetch_add(1, std::memory_order_relaxed));
  }

 private:
  std::array<std::atomic<unsigned long long>, 3> next_{1, 1, 1};
};

}  // namespace archbench::hexagonal::adapters
