// Money is integer minor units: an Amount from a double is refused, never rounded.
// expect-error: use of deleted function .*from_minor_units
#include "ddd/kernel/amount.hpp"

using namespace archbench::ddd;

void parse() {
#ifndef ARCHBENCH_CONTROL
  [[maybe_unused]] auto amount = Amount::from_minor_units(12.50);
#else
  [[maybe_unused]] auto amount = Amount::from_minor_units(1250);
#endif
}
