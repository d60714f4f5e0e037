// Nothing outside sets a balance to a number: a Balance starts at zero and moves by Amounts.
// expect-error: is private within this context
#include "ddd/kernel/balance.hpp"

using namespace archbench::ddd;

Balance opening() {
#ifndef ARCHBENCH_CONTROL
  return Balance(1'000'000);
#else
  return Balance::zero();
#endif
}
