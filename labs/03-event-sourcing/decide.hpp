// Lab 03, the specification of step 2: deciding a command against the fold.
//
// A command handler does not change anything: it decides. Given the state and a request, the
// answer is one of three things, and the caller (the service) appends the event, or answers
// the repeat, or sends the error.
#pragma once

#include <variant>

#include "common/ledger/messages.hpp"
#include "ledger_state.hpp"

namespace archbench::lab03 {

// The request_id was used before with this same request: answer as the first time.
struct Repeat {
  TransferCompleted first;
};

using TransferDecision = std::variant<TransferCompleted, Repeat, ledger::Error>;

// Step 2. Decides a POST /transfers request against `state`, with docs/workload.md's checks in
// its order (the first that fails answers, with its error code):
//   amount in [1, 10^12]                      invalid_amount
//   currency is three uppercase letters       invalid_currency (ledger::is_valid_currency)
//   from != to                                same_account
//   request_id not used with another request  idempotency_conflict; the same request: Repeat
//   both accounts exist                       account_not_found
//   both accounts hold `currency`             currency_mismatch
//   from's balance >= amount                  insufficient_funds
//   to's balance stays within 2^63-1          invalid_amount
// "The same request" is every field equal: from, to, amount, currency, request_id, memo.
// An accepted transfer gets the next id, "tr-" + (transfers_made() + 1): refusals and repeats
// take none. The function changes nothing; the caller folds the event it returns.
[[nodiscard]] TransferDecision decide_transfer(const LedgerState& state,
                                               const ledger::TransferRequest& request);

}  // namespace archbench::lab03
