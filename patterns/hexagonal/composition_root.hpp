// The composition root: the one place that knows every adapter and plugs them into the
// hexagon. Choosing SQLite instead of Redis is a different --store here, and nothing anywhere
// else changes; so is choosing sequential ids instead of random ones (--ids).
#pragma once

#include <memory>
#include <string_view>

#include "common/ledger/service.hpp"
#include "hexagonal/ports/ledger_store.hpp"

namespace archbench::hexagonal {

// How the backend names new accounts, deposits and transfers (--ids).
enum class IdScheme {
  // "tr-" + 96 random bits. The production choice: unique without coordination, across
  // threads, processes and restarts over a store that outlives the process.
  random,
  // "acc-1", "dep-1", "tr-1", ...: the baseline's, counted from 1 in each process. For
  // measurements, where the id scheme must not blur the comparison with the baseline (random
  // ids are longer, so dearer to copy and to write, and make instruction counts vary from run
  // to run). Memory store only: over a persistent store, a new process would hand out ids
  // that the store already holds.
  sequential,
};

// The driven store adapter named by `spec`: "memory", "sqlite:PATH" or "redis://HOST:PORT".
// Throws std::invalid_argument for a spec it does not understand, std::runtime_error for a
// store it cannot open or reach.
[[nodiscard]] std::unique_ptr<ports::LedgerStore> make_store(std::string_view spec);

// The whole backend over that store: the chosen ids, the Ledger use cases, the HTTP adapter.
// Also what the in-process micro-benchmarks drive. Throws as make_store does, and
// std::invalid_argument for IdScheme::sequential with any store but "memory" (before it
// opens the store).
[[nodiscard]] std::unique_ptr<ledger::Service> make_service(std::string_view store_spec,
                                                            IdScheme ids = IdScheme::random);

}  // namespace archbench::hexagonal
