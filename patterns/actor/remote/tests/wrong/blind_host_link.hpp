// WRONG ON PURPOSE: a host link that does not watch its host. It is the real link (host_link.cpp)
// without CAF's monitor: it never learns that its host died, so it keeps sending to the dead
// host's proxy (which drops the requests) and never connects again. Each request still answers
// 503, at the link's 2 s deadline, well within a test's bound for a hang; but not at once, and
// the restarted host is never used again. ShardHostFault must catch both
// (shard_host_fault_test.cpp).
#pragma once

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>
#include <utility>

#include "actor/actors/load.hpp"
#include "actor/remote/host_link.hpp"

namespace archbench::actor::remote::wrong {

inline caf::behavior blind_host_link(caf::stateful_actor<HostLinkState>* self,
                                     HostLinkConfig config, caf::actor host, ActorLoad* load) {
  caf::behavior link = host_link(self, std::move(config), std::move(host), load);
  self->demonitor(self->state.host);  // the mistake: no down message will ever come
  return link;
}

}  // namespace archbench::actor::remote::wrong
