// What a shard host publishes: its owner, the account actor of actors/account_actor.hpp (one
// shard: every account the front hashes to this host), with three more requests that only a
// front in another process sends:
//
//   JoinFront                         sets the host's id numbering (its place among the hosts)
//   RemoteOpenAccount, RemoteGet-     the same request with a Ticket of the host's own, handled
//   Account, RemoteListTransactions   by the account actor's own handler in place; the answer
//                                     it writes (status and JSON body) is the RemoteAnswer
//
// The transfer steps and the deposit need nothing more: they arrive as they are and the account
// actor answers them as it would in one process. Published as it is, with no gateway actor in
// front, so that a step over the wire costs no local hop on the host.
#pragma once

#include <caf/behavior.hpp>
#include <caf/stateful_actor.hpp>
#include <optional>

#include "actor/actors/account_actor.hpp"
#include "actor/actors/load.hpp"
#include "actor/remote/protocol.hpp"

namespace archbench::actor::remote {

// `joined` keeps the first front's JoinFront (a later front must take the same place).
caf::behavior host_owner(caf::stateful_actor<AccountActorState>* self, Sequences* ids,
                         ActorLoad* load, std::optional<JoinFront>* joined);

}  // namespace archbench::actor::remote
