// Lab 03, your code, part 1 of 3: the fold (step 1).
//
// LedgerState::apply is the only way the command side's state changes, and replaying the log is
// calling it once per event. ledger_state.hpp lists the five rules it keeps.
#include "ledger_state.hpp"

namespace archbench::lab03 {

void LedgerState::apply(const Event& event) {
  // TODO(student): Step 1. One case per event type (std::visit with event_driven::Overloaded
  // is one way: a type you forget then fails to compile).
  static_cast<void>(event);
}

}  // namespace archbench::lab03
