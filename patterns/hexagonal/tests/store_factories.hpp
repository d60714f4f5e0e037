// How the store contract suite gets a fresh store of each kind: one factory per driven
// adapter. To hold a new adapter to the contract, add its factory here and to the list in
// store_contract_test.cpp.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "common/testing/redis_server.hpp"
#include "common/testing/temp_dir.hpp"
#include "hexagonal/adapters/memory/memory_store.hpp"
#include "hexagonal/adapters/redis/redis_store.hpp"
#include "hexagonal/adapters/sqlite/sqlite_store.hpp"

namespace archbench::hexagonal::testing {

// A fresh folder under the system's temp folder, removed with everything in it.
using archbench::testing::TempDir;

struct MemoryFactory {
  static std::optional<std::string> unavailable() { return std::nullopt; }
  std::unique_ptr<ports::LedgerStore> make() { return std::make_unique<adapters::MemoryStore>(); }
};

// A real database file in a temp folder.
struct SqliteFactory {
  static std::optional<std::string> unavailable() { return std::nullopt; }
  std::unique_ptr<ports::LedgerStore> make() {
    return std::make_unique<adapters::SqliteStore>((dir.path() / "ledger.db").string());
  }
  TempDir dir;
};

// A real redis-server on a free loopback port, started for this test alone.
struct RedisFactory {
  static std::optional<std::string> unavailable() {
    if (!archbench::testing::RedisServer::find_executable().empty()) return std::nullopt;
    return "\n\n*** redis-server is not installed: the Redis adapter is NOT being tested. ***\n"
           "*** Install it (apt install redis-server; see scripts/packages.txt).          ***\n";
  }
  std::unique_ptr<ports::LedgerStore> make() {
    server.emplace();
    return std::make_unique<adapters::RedisStore>("127.0.0.1", server->port());
  }
  std::optional<archbench::testing::RedisServer> server;
};

}  // namespace archbench::hexagonal::testing
