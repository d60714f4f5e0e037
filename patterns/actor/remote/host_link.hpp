// The front's stand-in for one shard host: a local actor in the owners' pool (actors/
// actor_pool.hpp) in place of an account actor, so that the HTTP adapter, the registries and
// the coordinators send it exactly what they would send an owner in this process.
//
//   OpenAccount, GetAccount,     the Ticket stays here: the link sends the Remote* twin, waits
//   ListTransactions (ticket)    for the host's RemoteAnswer and answers the ticket with it
//   ApplyDeposit, ReserveCredit, sent on as they are; the host's answer (or a failure) is the
//   Debit, CommitCredit,         answer to the original request (a failure is what the
//   ReleaseCredit                coordinator and the registry resend the step after)
//
// Every request to the host has a deadline (`timeout`), so a host that dies with requests in
// flight costs them a 503, never a hang. The link watches its host (CAF's monitor): once the
// host is gone, requests for its accounts answer 503 `unavailable` at once, and the next one
// starts a reconnection in the background (CAF's middleman, then JoinFront), so a host that
// comes back on its address is used again without restarting the front.
#pragma once

#include <caf/actor.hpp>
#include <caf/behavior.hpp>
#include <caf/stateful_actor.hpp>
#include <chrono>
#include <cstdint>
#include <string>

#include "actor/actors/load.hpp"

namespace archbench::actor::remote {

struct HostAddress {
  std::string host;
  std::uint16_t port = 0;
  [[nodiscard]] std::string text() const { return host + ':' + std::to_string(port); }
};

struct HostLinkConfig {
  HostAddress address;
  std::uint32_t index = 0;  // this host is shard `index` of `count` (JoinFront)
  std::uint32_t count = 1;
  std::chrono::milliseconds timeout{2000};  // for each request to the host
};

struct HostLinkState {
  HostLinkConfig config;
  caf::actor host;  // the host's owner; null while it is unreachable
  bool connecting = false;
  static inline const char* name = "host-link";
};

// `host` is the owner already joined (link_shard_hosts); `load` counts messages handled.
caf::behavior host_link(caf::stateful_actor<HostLinkState>* self, HostLinkConfig config,
                        caf::actor host, ActorLoad* load);

}  // namespace archbench::actor::remote
