// The transfer coordinator: a transfer between accounts that two different actors own cannot
// be one critical section, so it is a protocol of messages (docs/patterns/actor.md has it as a
// sequence diagram):
//
//   1. ReserveCredit -> owner of `to`:   exists? same currency? room below 2^63? reserve it
//   2. Debit         -> owner of `from`: exists? same currency? enough money? debit it
//   3. CommitCredit  -> owner of `to`:   the reserved credit becomes real; answer 201
//   compensation: step 2 refused -> ReleaseCredit to the owner of `to`, answer the refusal
//   a step that hits a crashed owner: sent again until the restarted owner answers (every
//   step is idempotent by request_id), the client told 503 meanwhile (TransferInDoubt)
//
// Nothing is visible before step 2, and step 3 cannot fail (step 1 reserved what it needs):
// no transfer is ever half-applied, and money in transit between steps 2 and 3 is only ever
// missing for a moment, never counted twice. When step 1 refuses, the source is asked for its
// verdict too (a Debit that only checks), so that the answer is the first refusal in the
// contract's order, exactly as the baseline checks them one after the other.
#pragma once

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <memory>

#include "actor/actors/actor_pool.hpp"
#include "actor/actors/load.hpp"

namespace archbench::actor {

// Answers RunTransfer with TransferDone; runs any number of transfers at once.
caf::behavior transfer_coordinator(caf::event_based_actor* self,
                                   const std::shared_ptr<const ActorPool>& owners, ActorLoad* load);

// What ActorService spawns as coordinator: transfer_coordinator, or in a test a plausible
// wrong one that the supervision tests must catch (tests/wrong/).
using CoordinatorBehavior = caf::behavior (*)(caf::event_based_actor*,
                                              const std::shared_ptr<const ActorPool>&, ActorLoad*);

}  // namespace archbench::actor
