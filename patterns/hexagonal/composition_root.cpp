#include "hexagonal/composition_root.hpp"

#include <charconv>
#include <stdexcept>
#include <string>
#include <utility>

#include "hexagonal/adapters/http/http_adapter.hpp"
#include "hexagonal/adapters/ids/random_id_generator.hpp"
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
  explicit Backend(std::unique_ptr<ports::LedgerStore> store)
      : store_(std::move(store)), ledger_(*store_, ids_), http_(ledger_) {}

  void handle(const ledger::Call& call, ledger::Reply reply) override {
    http_.handle(call, std::move(reply));
  }

 private:
  std::unique_ptr<ports::LedgerStore> store_;  // driven adapter, chosen by --store
  adapters::RandomIdGenerator ids_;            // driven adapter
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

std::unique_ptr<ledger::Service> make_service(std::string_view store_spec) {
  return std::make_unique<Backend>(make_store(store_spec));
}

}  // namespace archbench::hexagonal
