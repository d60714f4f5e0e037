// Lab 03, your code, part 2 of 3: the transfer command handler (step 2).
//
// decide.hpp specifies it: the contract's checks in their order, idempotency, and the id an
// accepted transfer gets. It decides; it changes nothing.
#include "decide.hpp"

namespace archbench::lab03 {

TransferDecision decide_transfer(const LedgerState& state, const ledger::TransferRequest& request) {
  // TODO(student): Step 2. Replace this placeholder.
  static_cast<void>(state);
  static_cast<void>(request);
  return ledger::Error{ledger::ErrorCode::internal_error, "not written yet"};
}

}  // namespace archbench::lab03
