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
#include "hexagonal/application/ledger.hpp"

namespace archbench::hexagonal {
namespace {

// The hexagon with its adapters plugged in. The members are built in the order they are
// declared, each from the ones before: the wiring diagram, in code.
class Backend final : public ledger::Service {
 public:
  Backend(std::unique_ptr<ports::LedgerStore> store, std::unique_ptr<ports::IdGenerator> ids)
      : store_(std::move(store)), ids_(std::move(ids)), ledger_(*store_, *ids_), http_(ledger_) {}

  void handle(const ledger::Call& call, ledger::Reply reply) override {
    http_.handle(call, std::move(reply));
  }

 private:
  std::unique_ptr<ports::LedgerStore> store_;  // driven adapter, chosen by --store
  std::unique_ptr<ports::IdGenerator> ids_;    // driven adapter, chosen by --ids
  application::Ledger ledger_;                 // the use cases, over the two ports above
  adapters::HttpAdapter http_;                 // driving adapter
};

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

std::unique_ptr<ports::IdGenerator> make_ids(IdScheme scheme, std::string_view store_spec) {
  if (scheme == IdScheme::random) return std::make_unique<adapters::RandomIdGenerator>();
  // The counters start at 1 in every process. A persistent store may already hold "acc-1" from
  // an earlier run: SQLite would refuse the new account (500), Redis would overwrite the old
  // one, and transfer ids would repeat in the histories. Starting after the store's highest ids
  // would take a new query on the store port, implemented by every store (lab 01's too), for a
  // scheme that only measurements want: refuse instead.
  if (store_spec != "memory") {
    throw std::invalid_argument(
        "--ids sequential needs --store memory: its counters restart at 1 in every process, so "
        "over a persistent store ('" +
        std::string(store_spec) + "') they would reuse ids it already holds; use --ids random");
  }
  return std::make_unique<adapters::SequentialIdGenerator>();
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
  auto id_generator = make_ids(ids, store_spec);  // first: refuse before opening the store
  return std::make_unique<Backend>(make_store(store_spec), std::move(id_generator));
}

}  // namespace archbench::hexagonal
