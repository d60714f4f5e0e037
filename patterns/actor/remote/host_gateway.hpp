// A shard host's published actor: what the front's host link talks to over the middleman. It
// stands in front of the host's owner (an account actor, actors/account_actor.hpp, owning every
// account the front hashes to this host):
//
//   JoinFront                       -> sets the host's id numbering, answers Joined
//   RemoteOpenAccount, RemoteGet-   -> the same request with a Ticket of the host's own, whose
//   Account, RemoteListTransactions    answer (status and JSON body) goes back as RemoteAnswer
//   ApplyDeposit, ReserveCredit,    -> handed on to the owner (CAF's delegate: the owner answers
//   Debit, CommitCredit, ReleaseCredit the front directly)
//
// So the owner runs unchanged: it cannot tell a host's requests from a front's in-process ones.
#pragma once

#include <caf/actor.hpp>
#include <caf/behavior.hpp>
#include <caf/stateful_actor.hpp>
#include <optional>

#include "actor/actors/load.hpp"
#include "actor/remote/protocol.hpp"

namespace archbench::actor::remote {

struct HostGatewayState {
  std::optional<JoinFront> joined;  // the first front's numbering: kept for good
  static inline const char* name = "host-gateway";
};

// `ids` is the owner's (the gateway sets its numbering); `load` counts the requests the gateway
// holds for the owner's tickets.
caf::behavior host_gateway(caf::stateful_actor<HostGatewayState>* self, caf::actor owner,
                           Sequences* ids, ActorLoad* load);

}  // namespace archbench::actor::remote
