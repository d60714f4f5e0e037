// What a shard host publishes: the stable address of its one shard, a supervisor
// (actors/supervisor.hpp) in front of its owner. The owner is the account actor of
// actors/account_actor.hpp (every account the front hashes to this host) with the requests
// only a front in another process sends:
//
//   JoinFront                         sets the host's id numbering (its place among the hosts);
//                                     answered by the supervisor itself
//   RemoteOpenAccount, RemoteGet-     the same request with a Ticket of the host's own, handled
//   Account, RemoteListTransactions   by the account actor's own handler in place; the answer
//                                     it writes (status and JSON body) is the RemoteAnswer
//
// The transfer steps and the deposit need nothing more: they arrive as they are and the account
// actor answers them as it would in one process. The supervisor restarts a failed owner from
// its journal (in memory, or --journal DIR, which a restarted host process reads back), so the
// front's address for the host stays valid; a request that was in the failed owner's mailbox
// gets an error, which the front's coordinator and registry resend after, as in one process.
#pragma once

#include <caf/behavior.hpp>
#include <caf/stateful_actor.hpp>
#include <cstdint>
#include <optional>

#include "actor/actors/account_actor.hpp"
#include "actor/actors/load.hpp"
#include "actor/actors/supervisor.hpp"
#include "actor/remote/protocol.hpp"

namespace archbench::actor::remote {

// The owner: an account actor that also answers the Remote* requests.
caf::behavior host_owner(caf::stateful_actor<AccountActorState>* self, OwnerContext context);

// The published supervisor. `joined` keeps the first front's JoinFront (a later front must
// take the same place).
caf::behavior host_supervisor(ShardSupervisor* self, OwnerContext context,
                              std::optional<JoinFront>* joined);

// The next id of a host that is shard `index` of `count`, at or after `restored` (1 in a new
// process; past every journaled id in a restarted one): ids never repeat across a restart.
[[nodiscard]] std::uint64_t next_id_of_host(std::uint64_t restored, std::uint32_t index,
                                            std::uint32_t count);

}  // namespace archbench::actor::remote
