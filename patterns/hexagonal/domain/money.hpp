// Money and currencies, as the ledger's rules see them. Pure: no I/O, no JSON, no threads.
// The numbers repeat common/ledger/contract.hpp on purpose: the domain owns its rules and
// depends on nothing; the HTTP adapter static_asserts that the two agree.
#pragma once

#include <cstdint>
#include <limits>
#include <string_view>

namespace archbench::hexagonal::domain {

// An integer count of minor units (cents); never a floating-point number.
using Money = std::int64_t;

// One operation moves between 1 and 10^12 minor units.
inline constexpr Money kMinAmount = 1;
inline constexpr Money kMaxAmount = 1'000'000'000'000;

[[nodiscard]] constexpr bool is_valid_amount(Money amount) noexcept {
  return amount >= kMinAmount && amount <= kMaxAmount;
}

// True when `amount` (positive) can be added to `balance` without passing the 64-bit limit.
[[nodiscard]] constexpr bool can_credit(Money balance, Money amount) noexcept {
  return balance <= std::numeric_limits<Money>::max() - amount;
}

// Three uppercase ASCII letters: "EUR".
[[nodiscard]] constexpr bool is_valid_currency(std::string_view currency) noexcept {
  if (currency.size() != 3) return false;
  for (const char c : currency) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

}  // namespace archbench::hexagonal::domain
