// What a shard host publishes: the stable address of its one shard, a supervisor
// (actors/supervisor.hpp) in front of its owner. The owner is the account actor of
// actors/account_actor.hpp (every account the front hashes to this host) with the requests
// only a front in another process sends:
//
//   JoinFront                         the supervisor checks the host's place among the hosts
//                                     (kept in its journal directory), sets its id numbering
//                                     and takes the sender as the front it serves; the owner
//                                     answers with its journal (Joined), after everything the
//                                     supervisor handed it before
//   RemoteOpenAccount, RemoteGet-     the same request with a Ticket of the host's own, handled
//   Account, RemoteListTransactions   by the account actor's own handler in place; the answer
//                                     it writes (status and JSON body) is the RemoteAnswer
//
// The transfer steps and the deposit need nothing more: they arrive as they are and the account
// actor answers them as it would in one process (if they come from the front this host serves). The
// supervisor restarts a failed owner from its journal (in memory, or --journal DIR, which a
// restarted host process reads back), so the front's address for the host stays valid; a request
// that was in the failed owner's mailbox gets an error, which the front's coordinator and registry
// resend after, as in one process.
#pragma once

#include <caf/behavior.hpp>
#include <caf/node_id.hpp>
#include <caf/stateful_actor.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "actor/actors/account_actor.hpp"
#include "actor/actors/load.hpp"
#include "actor/actors/supervisor.hpp"
#include "actor/remote/protocol.hpp"

namespace archbench::actor::remote {

// The owner: an account actor that also answers the Remote* requests.
caf::behavior host_owner(caf::stateful_actor<AccountActorState>* self, OwnerContext context);

// Which front a host serves, and as what. Touched only by the host's supervisor.
//
// The place (shard `index` of `count`) decides the host's id numbering, so it is kept for good:
// a host journaled at DIR writes it to DIR/place at its first JoinFront and refuses any other
// place from then on, across its restarts (ids numbered in another stride could meet its old
// ones). The front is the node that joined last: requests from any other node (a front killed
// with messages still on their way here) are refused, so nothing a dead front sent can change
// the journal after its successor has read it.
struct Tenancy {
  std::optional<JoinFront> place;  // kept (DIR/place), or taken by the first JoinFront
  std::string place_file;          // "" without --journal: the place lasts as long as the process
  bool numbered = false;           // this process's id sequences follow `place`
  caf::node_id front;              // the front served; none before the first JoinFront

  // Reads DIR/place if there is one (`journal_dir` "": nothing kept).
  [[nodiscard]] static Tenancy at(const std::string& journal_dir);
};

// The published supervisor.
caf::behavior host_supervisor(ShardSupervisor* self, OwnerContext context, Tenancy* tenancy);

// The next id of a host that is shard `index` of `count`, at or after `restored` (1 in a new
// process; past every journaled id in a restarted one): ids never repeat across a restart.
[[nodiscard]] std::uint64_t next_id_of_host(std::uint64_t restored, std::uint32_t index,
                                            std::uint32_t count);

}  // namespace archbench::actor::remote
