#include "hexagonal/composition_root.hpp"

#include <charconv>
#include <stdexcept>
#include <string>
#include <utility>

#include "hexagonal/adapters/http/http_adapter.hpp"
#include "hexagonal/adapters/ids/random_id_generator.hpp"
#include "hexagonal/adapters/ids/sequential_id_generator.hpp"
#include "hexagonal/adapters/memory/memory_store.hpp"
#include "hexagonal/adapters/redis/redis_store.hpp"
#include "hexagonal/adapters/sqlite/sqlite_store.hpp"

namespace archbench::hexagonal {
namespace {

[[noreturn]] void bad_spec(std::string_view spec) {
  throw std::invalid_argument("--store: expected memory, sqlite:PATH or redis://HOST:PORT, not '" +
                              std::string(spec) + "'");
}

std::unique_ptr<ports::LedgerStore> make_redis_store(std::string_view spec,
                                                     std::string_view address) {
  const auto colon = address.rfind(':');
  if (colon == std::string_view::npos || colon == 0) bad_spec(spec);
  const auto port_text = address.substr(colon + 1);
  int port = 0;
  const auto [end, error] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (error != std::errc{} || end != port_text.data() + port_text.size() || port < 1 ||
      port > 65535) {
    bad_spec(spec);
  }
  return std::make_unique<adapters::RedisStore>(std::string(address.substr(0, colon)), port);
}

std::unique_ptr<ports::IdGenerator> make_ids(IdScheme scheme, ports::LedgerStore& store) {
  if (scheme == IdScheme::random) return std::make_unique<adapters::RandomIdGenerator>();
  return std::make_unique<adapters::SequentialIdGenerator>(store);  // after the store's ids
}

}  // namespace

std::unique_ptr<ports::LedgerStore> make_store(std::string_view spec) {
  constexpr std::string_view kSqlite = "sqlite:";
  constexpr std::string_view kRedis = "redis://";
  if (spec == "memory") return std::make_unique<adapters::MemoryStore>();
  if (spec.starts_with(kSqlite) && spec.size() > kSqlite.size()) {
    return std::make_unique<adapters::SqliteStore>(std::string(spec.substr(kSqlite.size())));
  }
  if (spec.starts_with(kRedis)) return make_redis_store(spec, spec.substr(kRedis.size()));
  bad_spec(spec);
}

std::unique_ptr<ledger::Service> make_service(std::string_view store_spec, IdScheme ids) {
  auto store = make_store(store_spec);
  auto id_generator = make_ids(ids, *store);
  return std::make_unique<adapters::HttpAdapter>(std::move(store), std::move(id_generator));
}

}  // namespace archbench::hexagonal
