// The composition root: the one place that knows every adapter and plugs them into the
// hexagon. Choosing SQLite instead of Redis is a different --store here, and nothing anywhere
// else changes; so is choosing random ids instead of sequential ones (--ids).
#pragma once

#include <memory>
#include <string_view>

#include "common/ledger/service.hpp"
#include "hexagonal/ports/ledger_store.hpp"

namespace archbench::hexagonal {

// How the backend names new accounts, deposits and transfers (--ids).
enum class IdScheme {
  // "acc-1", "dep-1", "tr-1", ...: the baseline's, so that a comparison with it measures the
  // ports, not the id schemes (random ids are longer, so dearer to copy and to write, and make
  // instruction counts vary from run to run). Over a persistent store the counters continue
  // after the ids the store holds. The default.
  sequential,
  // "tr-" + 96 random bits: unique without coordination, even with several processes writing
  // to one store.
  random,
};

// The driven store adapter named by `spec`: "memory", "sqlite:PATH" or "redis://HOST:PORT".
// Throws std::invalid_argument for a spec it does not understand, std::runtime_error for a
// store it cannot open or reach.
[[nodiscard]] std::unique_ptr<ports::LedgerStore> make_store(std::string_view spec);

// The whole backend over that store: the chosen ids, the Ledger use cases, the HTTP adapter
// (the Service). Also what the in-process micro-benchmarks drive. Throws as make_store does.
[[nodiscard]] std::unique_ptr<ledger::Service> make_service(std::string_view store_spec,
                                                            IdScheme ids = IdScheme::sequential);

}  // namespace archbench::hexagonal
