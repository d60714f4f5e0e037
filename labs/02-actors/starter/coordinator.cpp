// Lab 02, your code, part 2 of 2: the transfer coordinator (step 2).
//
// coordinator.hpp specifies it: the three steps, the contract's order of refusals, the
// compensation, and the rule that matters most here: the coordinator never waits.
#include "coordinator.hpp"

#include <caf/all.hpp>
#include <memory>
#include <utility>

namespace archbench::lab02 {

caf::behavior transfer_coordinator(caf::event_based_actor* self,
                                   std::shared_ptr<const Directory> accounts) {
  static_cast<void>(self);
  return {
      [accounts = std::move(accounts)](RunTransfer& message) {
        // TODO(student): Step 2. Replace this placeholder.
        static_cast<void>(message);
        return TransferDone{ledger::Error{ledger::ErrorCode::internal_error, "not written yet"}};
      },
  };
}

}  // namespace archbench::lab02
