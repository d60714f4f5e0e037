// The front's side of --shard-hosts: the host list, and one host link per host, each connected
// and joined before the front serves its first request.
#pragma once

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "actor/actors/journal.hpp"
#include "actor/actors/load.hpp"
#include "actor/remote/host_link.hpp"

namespace archbench::actor::remote {

// "HOST:PORT,HOST:PORT,..." into addresses; throws std::invalid_argument with a message for the
// user if an entry is not HOST:PORT with a port from 1 to 65535.
[[nodiscard]] std::vector<HostAddress> parse_shard_hosts(const std::string& text);

// The hosts as a starting front finds them, in the order of `hosts`: shard i is host i.
struct LinkedHosts {
  std::vector<caf::actor> links;                   // the owners' pool
  std::vector<std::shared_ptr<Journal>> journals;  // what each host told (Joined), in memory
};

// What a host link runs: host_link, or in tests/wrong/ a link that gets it wrong.
using HostLinkBehavior = caf::behavior (*)(caf::stateful_actor<HostLinkState>*, HostLinkConfig,
                                           caf::actor, ActorLoad*);

// Checks that every remote type crosses the wire (wire.hpp), then connects to each host (waiting
// up to `connect_timeout` for one that is not listening yet), tells it its place (JoinFront),
// keeps the journal it answers with and spawns its link (`link`), counted in `loads[i]`. Throws
// std::runtime_error, naming the host, if one cannot be reached or refuses its place.
[[nodiscard]] LinkedHosts link_shard_hosts(
    caf::actor_system& system, const std::vector<HostAddress>& hosts, std::vector<ActorLoad>& loads,
    std::chrono::milliseconds connect_timeout = std::chrono::seconds(10),
    HostLinkBehavior link = host_link);

}  // namespace archbench::actor::remote
