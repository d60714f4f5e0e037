// The composition root: the one place that knows every adapter and plugs them into the
// hexagon. Choosing SQLite instead of Redis is a different --store here, and nothing anywhere
// else changes.
#pragma once

#include <memory>
#include <string_view>

#include "common/ledger/service.hpp"
#include "hexagonal/ports/ledger_store.hpp"

namespace archbench::hexagonal {

// The driven store adapter named by `spec`: "memory", "sqlite:PATH" or "redis://HOST:PORT".
// Throws std::invalid_argument for a spec it does not understand, std::runtime_error for a
// store it cannot open or reach.
[[nodiscard]] std::unique_ptr<ports::LedgerStore> make_store(std::string_view spec);

// The whole backend over that store: random ids, the Ledger use cases, the HTTP adapter.
// Also what the in-process micro-benchmarks drive.
[[nodiscard]] std::unique_ptr<ledger::Service> make_service(std::string_view store_spec);

}  // namespace archbench::hexagonal
