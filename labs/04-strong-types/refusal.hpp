// Given: why the wallet says no, and the Result every factory and operation returns. The same
// shape as patterns/ddd/kernel/refusal.hpp, cut down to this lab's rules.
#pragma once

#include <string>
#include <variant>

namespace archbench::lab04 {

enum class Reason {
  invalid_amount,      // outside [1, 10^12], or a balance would pass 2^63-1
  invalid_currency,    // not three uppercase letters
  currency_mismatch,   // money in another currency than the account's
  insufficient_funds,  // the balance does not cover the amount
};

struct Refusal {
  Reason reason = Reason::invalid_amount;
  std::string message;  // for humans; the tests check only `reason`
};

// Either the value asked for, or why not.
template <class T>
using Result = std::variant<T, Refusal>;

}  // namespace archbench::lab04
