// Lab 02, the specification of steps 1 and 3: one account, one actor.
//
// The account's balance, its reserved credits and its history belong to its actor and to
// nothing else: the actor handles one message at a time, so nothing here is locked, and nobody
// else reads or writes that state except by sending a message.
#pragma once

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <string>

#include "protocol.hpp"

namespace archbench::lab02 {

// What an account starts with.
struct Opening {
  std::string id;
  std::string currency;
  Money balance = 0;
};

// The behaviour of the actor that owns the account `opening`. `ids` outlives the actor.
//
// Step 1: one handler per message of protocol.hpp, each answering its verdict. The words of
// each refusal are the contract's (ledger::refusals in common/ledger/contract.hpp), with the
// account's own id:
//   Reserve   currency differs from the account's   Check::to_currency  currency_mismatch
//             balance + reserved + amount > 2^63-1   Check::to_room      balance_overflow
//             otherwise `amount` is reserved: `reserved` grows, the balance does not, no line.
//   Debit     currency differs                       Check::from_currency currency_mismatch
//             balance < amount (reserved credits     Check::funds        insufficient_funds
//             are not money yet)                                         (holds, needs)
//             otherwise, if `apply`: the balance drops by `amount`, the debit takes the next
//             id from `ids`, a line (-amount, counterparty `to`) is added, and the verdict
//             carries the id. A check-only Debit (!apply) changes nothing and takes no id.
//   Commit    `reserved` drops and the balance grows by `amount`; a line (+amount,
//             counterparty `from`, the Commit's transfer_id). Answers Committed.
//   Release   `reserved` drops by `amount`. Answers Released.
//   ReadAccount  the AccountView of the account as it is now.
// Every line's balance_after is the balance right after it. The checks use no memory of other
// transfers: a refusal changes nothing.
//
// Step 3: each step is applied at most once per transfer, whatever the network does. A
// Reserve, Debit (with apply), Commit or Release that arrives again with a `transfer` key this
// account has already handled in that step answers exactly what it answered the first time
// (the same id; the same refusal, even if the account could now say yes) and changes nothing.
// A check-only Debit is not remembered.
[[nodiscard]] caf::behavior account_actor(caf::event_based_actor* self, Opening opening,
                                          TransferIds* ids);

}  // namespace archbench::lab02
