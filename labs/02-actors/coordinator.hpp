// Lab 02, the specification of step 2: a transfer across two actors, as a protocol.
//
// `from` and `to` belong to two actors. No lock covers both, so the transfer is a sequence of
// messages run by a coordinator, each step sent when the previous one's answer arrives:
//
//   1. Reserve at `to`    room for the credit is held there; nothing visible yet
//   2. Debit at `from`    the money leaves `from`, and the transfer takes its id
//   3. Commit at `to`     the reserved credit becomes balance
//
// Nothing is visible before step 2, and step 3 cannot be refused (step 1 holds its room), so a
// transfer is never half-applied and money is never counted twice; between steps 2 and 3 the
// money is in transit, a state a reader may see, never the reverse.
#pragma once

#include <caf/actor.hpp>
#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "protocol.hpp"

namespace archbench::lab02 {

// Which actor owns each account: built before the coordinator starts, never changed after.
using Directory = std::map<std::string, caf::actor, std::less<>>;

// Step 2. The behaviour of a coordinator that runs every RunTransfer it gets, and answers each
// with a TransferDone: the ledger::Transfer (id from the debit, from, to, amount, currency) or
// the refusal's ledger::Error.
//
//   - An account missing from `accounts`: account_not_found for it, `from` before `to`;
//     nothing is sent to any actor.
//   - Steps 1, 2, 3 as above, each sent only once the previous one's answer is in.
//   - The contract's order: when step 1 is refused, ask `from` for its verdict without
//     applying it (a Debit with apply = false) and answer whichever refusal comes first in
//     Check's order. (From's currency comes before to's; funds before to's room.)
//   - The compensation: when step 2 is refused, Release the reservation at `to`, and answer
//     the refusal once `to` has acknowledged it (so that whoever reads `to` after the answer
//     sees no reservation).
//   - A transfer is answered only after its last step is acknowledged (Committed, Released).
//   - Never block: the coordinator's thread must never wait for an answer. Continuations
//     (request(...).then(...)) let it run other transfers in between; a transfer must
//     complete even on an actor system with a single scheduler thread.
//   - A step whose request fails (the account's actor is gone): answer
//     ledger::ErrorCode::unavailable (any message), after releasing a reservation step 1 made.
[[nodiscard]] caf::behavior transfer_coordinator(caf::event_based_actor* self,
                                                 std::shared_ptr<const Directory> accounts);

}  // namespace archbench::lab02
