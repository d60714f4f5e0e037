// An Amount is never negative: it has no unary minus (a debit is a Balance's business).
// expect-error: no match for .*operator-
#include "ddd/kernel/amount.hpp"
#include "ddd/kernel/balance.hpp"

using namespace archbench::ddd;

void refund(Amount amount, [[maybe_unused]] Balance balance) {
#ifndef ARCHBENCH_CONTROL
  [[maybe_unused]] auto negative = -amount;
#else
  [[maybe_unused]] auto less = balance.minus(amount);  // nullopt if it would go negative
#endif
}
