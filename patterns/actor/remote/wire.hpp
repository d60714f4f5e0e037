// The names of the message types that cross between processes, and the check that each of them
// does. CAF writes a message's types by name on the wire: a type the peer has not registered
// (add_message_type) makes the whole message unreadable there, and the sender only learns it
// from a request that never comes back. So every process that takes part registers them all
// (add_remote_types) and, at start, round-trips one message of each type through CAF's own
// serializer (check_remote_types): a type left out fails at once, by name, not at run time.
#pragma once

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <span>
#include <string>

namespace archbench::actor::remote {

// One type and how to register it.
struct Registration {
  const char* name;
  void (*add)(caf::actor_system_config&, const char* name);
};

// Every type that crosses the wire (remote/protocol.hpp and the steps of messages.hpp).
[[nodiscard]] std::span<const Registration> remote_types();

// Loads CAF's middleman and registers every remote type: what a front with shard hosts and a
// shard host both call on their configuration before starting the actor system.
void add_remote_types(caf::actor_system_config& config);

// Serialises and reads back one message of each remote type with `system`'s registry. Returns
// "" if all come back equal to what was sent, else what failed (naming the type). Does not
// depend on remote_types(): its own list of samples is what catches a registration left out.
[[nodiscard]] std::string check_remote_types(caf::actor_system& system);

}  // namespace archbench::actor::remote
