// The shard supervisor: a forwarder in front of one account actor, and its restarter.
#include "actor/actors/supervisor.hpp"

#include <caf/all.hpp>

namespace archbench::actor {
namespace {

using Supervisor = ShardSupervisor;

// A message that carries its own answer (a ticket), or none.
template <class Message>
auto pass(Supervisor* self) {
  return [self](Message& message) { self->send(self->state.child, std::move(message)); };
}

}  // namespace

caf::behavior shard_supervisor(Supervisor* self, OwnerContext context) {
  return shard_supervisor_of(self, std::move(context), account_actor);
}

caf::behavior shard_supervisor_of(Supervisor* self, OwnerContext context, OwnerBehavior child) {
  self->state.child = spawn_supervised(self, child, context);
  supervise(self, [self, context, child](const caf::actor_addr& failed) {
    if (failed != self->state.child.address()) return false;
    context.load->restarts.fetch_add(1, std::memory_order_relaxed);
    self->state.child = spawn_supervised(self, child, context);
    return true;
  });
  return {
      pass<OpenAccount>(self),
      pass<GetAccount>(self),
      pass<ListTransactions>(self),
      delegate_to_child<ApplyDeposit>(self),
      delegate_to_child<ReserveCredit>(self),
      delegate_to_child<Debit>(self),
      delegate_to_child<CommitCredit>(self),
      delegate_to_child<ReleaseCredit>(self),
      pass<Crash>(self),
  };
}

}  // namespace archbench::actor
