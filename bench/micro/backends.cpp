#include "micro/backends.hpp"

#include <array>

#include "actor/http/actor_service.hpp"
#include "baseline/baseline_service.hpp"
#include "common/ledger/testing/relay_service.hpp"
#include "ddd/edge/ddd_service.hpp"
#include "event-driven/http/event_driven_service.hpp"
#include "event-driven/log/memory_log.hpp"
#include "hexagonal/composition_root.hpp"
#include "zero-copy/service/zero_copy_service.hpp"

namespace archbench::micro {
namespace {

constexpr std::array kBackends = {
    Backend{"baseline",
            []() -> std::unique_ptr<ledger::Service> {
              return std::make_unique<baseline::BaselineService>();
            }},
    // The baseline answering every request late, from a worker thread (RelayService): beside
    // `baseline`, the price of the transport's late-answer path.
    Backend{"baseline-relay",
            []() -> std::unique_ptr<ledger::Service> {
              return std::make_unique<ledger::testing::RelayService>(
                  std::make_unique<baseline::BaselineService>());
            }},
    // Its default ids, sequential like the baseline's ("acc-1", "tr-1"), not --ids random's
    // 28-byte ones: that isolates the cost of the ports from the cost of the id scheme (long
    // ids outgrow std::string's short buffer, so every copy allocates; ~10k instructions per
    // transfer, docs/instructions-per-request.md).
    Backend{"hexagonal-memory",
            [] { return hexagonal::make_service("memory", hexagonal::IdScheme::sequential); }},
    Backend{
        "ddd",
        []() -> std::unique_ptr<ledger::Service> { return std::make_unique<ddd::DddService>(); }},
    // Event sourcing over the in-memory log: the cost of encoding, decoding and folding each
    // event twice (command side and projection), before any I/O.
    Backend{"event-driven-memory",
            []() -> std::unique_ptr<ledger::Service> {
              return std::make_unique<event_driven::EventDrivenService>(
                  std::make_unique<event_driven::MemoryLog>());
            }},
    // simdjson in place, answers into the reply's buffer, state in one arena: the cost of the
    // work with (almost) nothing spent on memory management.
    Backend{"zero-copy",
            []() -> std::unique_ptr<ledger::Service> {
              return std::make_unique<zero_copy::ZeroCopyService>();
            }},
    // Actors on CAF: every request a message into the actor system, answered from a scheduler
    // thread (two of them: this machine's cores), with two shards or one actor per account.
    Backend{"actor-shard",
            []() -> std::unique_ptr<ledger::Service> {
              actor::ActorOptions options = actor::default_options();
              actor::parse_granularity("shard:2", options);
              options.threads = 2;
              return std::make_unique<actor::ActorService>(options);
            }},
    Backend{"actor-account",
            []() -> std::unique_ptr<ledger::Service> {
              actor::ActorOptions options = actor::default_options();
              actor::parse_granularity("account", options);
              options.threads = 2;
              return std::make_unique<actor::ActorService>(options);
            }},
};

}  // namespace

std::span<const Backend> backends() noexcept { return kBackends; }

}  // namespace archbench::micro
