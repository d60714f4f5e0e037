// --chaos crash-every=MS: fault injection as a feature, off by default. Every MS milliseconds
// the monkey picks a random account owner and sends it Crash: half the time it throws at once
// (what was in its mailbox bounces), half the time after its next journal write and before
// that change is answered (the window the journal and the idempotent steps must cover). The
// exception is real and goes through CAF; the supervisor sees an actor that failed.
#pragma once

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <chrono>
#include <memory>

#include "actor/actors/actor_pool.hpp"

namespace archbench::actor {

caf::behavior chaos_monkey(caf::event_based_actor* self,
                           const std::shared_ptr<const ActorPool>& owners,
                           std::chrono::milliseconds period);

}  // namespace archbench::actor
