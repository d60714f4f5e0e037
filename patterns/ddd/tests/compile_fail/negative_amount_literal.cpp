// A constant Amount is checked while compiling: a negative one is not a constant expression.
// expect-error: is not a constant expression
#include "ddd/kernel/amount.hpp"

using namespace archbench::ddd;

#ifndef ARCHBENCH_CONTROL
constexpr Amount kRefund = Amount::literal(-500);
#else
constexpr Amount kRefund = Amount::literal(500);
#endif
static_assert(kRefund.minor_units() != 0);
