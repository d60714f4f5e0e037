// The shard supervisor: a forwarder in front of one account actor, and its restarter.
#include "actor/actors/supervisor.hpp"

#include <caf/all.hpp>

namespace archbench::actor {
namespace {

using Supervisor = caf::stateful_actor<ShardSupervisorState>;

// A request: handed on with its sender, so the child answers the requester directly (or, if
// the child is dead, CAF answers it an error).
template <class Message>
auto delegate(Supervisor* self) {
  return [self](Message& message) {
    self->make_response_promise().delegate(self->state.child, std::move(message));
  };
}
// A message that carries its own answer (a ticket), or none.
template <class Message>
auto pass(Supervisor* self) {
  return [self](Message& message) { self->send(self->state.child, std::move(message)); };
}

}  // namespace

caf::behavior shard_supervisor(Supervisor* self, OwnerContext context) {
  self->state.child = spawn_supervised(self, account_actor, context);
  supervise(self, [self, context](const caf::actor_addr& failed) {
    if (failed != self->state.child.address()) return false;
    context.load->restarts.fetch_add(1, std::memory_order_relaxed);
    self->state.child = spawn_supervised(self, account_actor, context);
    return true;
  });
  return {
      pass<OpenAccount>(self),      pass<GetAccount>(self),        pass<ListTransactions>(self),
      delegate<ApplyDeposit>(self), delegate<ReserveCredit>(self), delegate<Debit>(self),
      delegate<CommitCredit>(self), delegate<ReleaseCredit>(self), pass<Crash>(self),
  };
}

}  // namespace archbench::actor
