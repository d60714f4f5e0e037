// archbench-actor's service as the command line asks for it: every actor in this process, or
// the front of shard hosts (--shard-hosts), possibly started as its children
// (--spawn-shard-hosts N).
#pragma once

#include <cstddef>
#include <memory>

#include "actor/options.hpp"
#include "common/ledger/service.hpp"

namespace archbench::actor::remote {

// Throws std::invalid_argument for options that do not go together, std::runtime_error if a
// host cannot be started or reached.
[[nodiscard]] std::unique_ptr<ledger::Service> make_actor_service(ActorOptions options,
                                                                  std::size_t spawn_shard_hosts);

}  // namespace archbench::actor::remote
