// The HTTP edge of the actor backend: a ledger::Service whose handle() checks what needs no
// state on the I/O thread, then sends one message into the actor system and returns. The
// actor that finishes the request answers it (ticket.hpp); no I/O thread ever waits for an
// actor, and nothing here takes a lock.
//
//   create_account, get_account, list_transactions  ->  the account's owner
//   deposit, transfer                               ->  the request_id's idempotency registry
//   transfer_batch                                  ->  a batch runner spawned for it
//
// Each of those actors holds at most --max-in-flight unanswered requests: past that, 503
// `overloaded` with Retry-After, answered here at once.
#pragma once

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "actor/actors/actor_pool.hpp"
#include "actor/actors/load.hpp"
#include "actor/actors/recovery.hpp"
#include "actor/actors/transfer_coordinator.hpp"
#include "actor/options.hpp"
#include "actor/remote/shard_hosts.hpp"
#include "actor/ticket.hpp"
#include "common/ledger/service.hpp"

namespace archbench::actor {

// The pieces the wrong implementations of tests/wrong/ and remote/tests/wrong/ replace, one
// at a time (ActorService(options, {.host_link = ...})); each default is the real one.
struct ActorParts {
  CoordinatorBehavior coordinator = transfer_coordinator;
  remote::HostLinkBehavior host_link = remote::host_link;  // with --shard-hosts
  Reconcile reconciler = reconcile;  // reads --journal DIR, or the shard hosts' journals
};

class ActorService final : public ledger::Service {
 public:
  // Starts the actor system and spawns every long-lived actor (reading --journal DIR, or the
  // shard hosts' journals, back first).
  explicit ActorService(const ActorOptions& options, ActorParts parts = {});
  ~ActorService() override;
  ActorService(const ActorService&) = delete;
  ActorService& operator=(const ActorService&) = delete;

  void handle(const ledger::Call& call, ledger::Reply reply) override;
  // The drain: waits (a bounded time) until every request in flight is answered, then stops
  // every actor; a request still held by one then answers 503 `unavailable` as it is dropped.
  void stop() override;

  // In-flight requests and messages handled, per actor kind, in Prometheus' text format.
  void append_metrics(std::string_view backend, std::string& out) const override;

  // Requests in flight in every actor (what stop() waits for), and the actor system: for tests.
  [[nodiscard]] std::int64_t in_flight() const noexcept;
  [[nodiscard]] caf::actor_system& system() noexcept { return *system_; }
  [[nodiscard]] const caf::actor& owner_of(std::string_view account_id) const noexcept {
    return owners_->of(account_id);
  }
  // Account actors restarted by their supervisors since the start.
  [[nodiscard]] std::uint64_t restarts() const noexcept;

 private:
  // The actors of one kind the adapter sends to, each with its load.
  struct Kind {
    std::string_view name;  // in /metrics: kind="registry"
    std::vector<ActorLoad> loads;
  };

  // A ticket charged to `load`, or null after answering 503 overloaded (the reply is kept).
  Ticket admit(ActorLoad& load, std::string_view kind, ledger::Reply& reply) const;
  void create_account(const ledger::Call& call, ledger::Reply reply);
  void read_account(const ledger::Call& call, ledger::Reply reply);
  void deposit(const ledger::Call& call, ledger::Reply reply);
  void transfer(const ledger::Call& call, ledger::Reply reply);
  void transfer_batch(const ledger::Call& call, ledger::Reply reply);

  ActorOptions options_;
  Sequences ids_;
  // Loads before the system: actors and tickets point into them until the system is gone.
  Kind owners_load_;    // account actors (shard mode) or directories (account mode)
  Kind accounts_load_;  // account mode: the account actors behind each directory
  Kind registries_load_;
  Kind coordinators_load_;
  Kind batches_load_;  // one load for every batch runner

  caf::actor_system_config config_;
  std::unique_ptr<caf::actor_system> system_;
  std::shared_ptr<const ActorPool> owners_;
  std::shared_ptr<const ActorPool> registries_;
  std::vector<caf::actor> coordinators_;
  caf::actor chaos_;  // --chaos only
  bool stopped_ = false;
};

}  // namespace archbench::actor
