// A balance is not a raw integer unless you say so (minor_units()).
// expect-error: cannot convert .*Balance.* to .*int
#include <cstdint>

#include "ddd/kernel/balance.hpp"

using namespace archbench::ddd;

std::int64_t raw(Balance balance) {
#ifndef ARCHBENCH_CONTROL
  return balance;
#else
  return balance.minor_units();
#endif
}
