// Amount: how much one operation moves, in minor units (cents): 1 to 10^12, never negative,
// never a floating-point number. The only ways to get one are the validating factory
// (from a request, at run time) and `Amount::literal` (a constant the compiler checks).
#pragma once

#include <concepts>
#include <cstdint>

#include "common/ledger/rules.hpp"  // the contract's range and its message, shared by every backend
#include "ddd/kernel/refusal.hpp"

namespace archbench::ddd {

class Amount {
 public:
  static constexpr std::int64_t kMin = ::archbench::ledger::kMinAmount;  // 1
  static constexpr std::int64_t kMax = ::archbench::ledger::kMaxAmount;  // 10^12 minor units

  // The contract's check: `invalid_amount` outside [1, 10^12].
  [[nodiscard]] static Result<Amount> from_minor_units(std::int64_t minor_units) {
    if (!is_valid(minor_units)) return refusals::invalid_amount(minor_units);
    return Amount(minor_units);
  }
  // Money is integer minor units: a double is refused by the compiler, not rounded.
  template <std::floating_point F>
  static Result<Amount> from_minor_units(F) = delete;

  // A constant amount, checked while compiling: Amount::literal(1250). Out of range, the
  // throw makes the call not a constant expression, so the program does not compile.
  [[nodiscard]] static consteval Amount literal(std::int64_t minor_units) {
    if (!is_valid(minor_units)) throw "an Amount is 1 to 10^12 minor units";
    return Amount(minor_units);
  }

  // The number, said aloud: for the JSON at the edge and for messages.
  [[nodiscard]] constexpr std::int64_t minor_units() const noexcept { return minor_units_; }

  friend constexpr bool operator==(Amount, Amount) noexcept = default;

  // No arithmetic: an amount is what one operation moves; balances do the adding
  // (Balance::plus, Balance::minus). In particular no unary minus: an Amount is never negative.

 private:
  constexpr explicit Amount(std::int64_t minor_units) noexcept : minor_units_(minor_units) {}
  [[nodiscard]] static constexpr bool is_valid(std::int64_t minor_units) noexcept {
    return ::archbench::ledger::is_valid_amount(minor_units);
  }

  std::int64_t minor_units_;
};

}  // namespace archbench::ddd
