// Supervision: a supervisor links its children and traps their exits, so that a child that
// fails (an exception through CAF, a kill) becomes a message to it rather than the end of it.
// It then starts a new child from the failed one's journal, which outlives them both.
//
//   shard mode     one shard_supervisor per shard: the stable address the adapter,
//                  registries and coordinators send to; it forwards every message to its
//                  account actor (one hop, a few thousand instructions: docs/patterns/actor.md)
//   account mode   the directory is the supervisor of its accounts' actors (it forwards
//                  already), account_actor.cpp
//
// Messages on their way to a child that dies are not lost in silence: CAF answers a request
// to a dead actor with an error (which the coordinator and the registry retry), and a ticket
// dropped unanswered answers 503 `unavailable` (ticket.hpp).
#pragma once

#include <caf/actor.hpp>
#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/exit_reason.hpp>
#include <caf/spawn_options.hpp>
#include <caf/stateful_actor.hpp>
#include <utility>

#include "actor/actors/account_actor.hpp"

namespace archbench::actor {

// A child that takes its supervisor's exit with it (so stopping the supervisor stops it).
template <class Supervisor, class Behavior, class... Args>
caf::actor spawn_supervised(Supervisor* self, Behavior behavior, Args&&... args) {
  return self->template spawn<caf::linked>(behavior, std::forward<Args>(args)...);
}

// Makes `self` a supervisor: a child's exit calls `restart(child's address)`, which returns
// false if it was not one of `self`'s children; any other exit (stop()'s) ends `self`, and
// its linked children with it.
template <class Supervisor, class Restart>
void supervise(Supervisor* self, Restart restart) {
  self->set_exit_handler([self, restart](caf::exit_msg& message) {
    if (message.source != self->address() && restart(message.source)) return;
    self->quit(message.reason);
  });
}

struct ShardSupervisorState {
  caf::actor child;
  static inline const char* name = "supervisor";
};

using ShardSupervisor = caf::stateful_actor<ShardSupervisorState>;

// A shard's supervisor: starts the shard's account actor with `context`, forwards it every
// message, restarts it when it fails (counting context.load->restarts).
caf::behavior shard_supervisor(ShardSupervisor* self, OwnerContext context);

// The same with another child: a shard host's owner (remote/host_owner.hpp), an account actor
// that also answers a remote front's requests.
using OwnerBehavior = caf::behavior (*)(caf::stateful_actor<AccountActorState>*, OwnerContext);
caf::behavior shard_supervisor_of(ShardSupervisor* self, OwnerContext context, OwnerBehavior child);

// A request for the child: handed on with its sender, so the child answers the requester
// directly (or, if the child is dead, CAF answers it an error, which the requester retries).
template <class Message>
auto delegate_to_child(ShardSupervisor* self) {
  return [self](Message& message) {
    self->make_response_promise().delegate(self->state.child, std::move(message));
  };
}

}  // namespace archbench::actor
