// The contract's rules on a single value, and the words every backend refuses it with
// (docs/workload.md): an amount is 1 to 10^12 minor units, a currency three uppercase letters.
// Each rule and its message exist here once.
//
// Header-only and standard-library only on purpose: a domain model that links nothing but the
// standard library (patterns/ddd/kernel) builds its strong types' factories on these. Backends
// that speak the contract directly call check_amount / check_currency (contract.hpp), which
// pair them with the contract's error codes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace archbench::ledger {

// Money is an integer count of minor units (cents); never a floating-point number.
using Money = std::int64_t;

inline constexpr Money kMinAmount = 1;
inline constexpr Money kMaxAmount = 1'000'000'000'000;  // 10^12 minor units per operation

// True for an amount one operation may move: [kMinAmount, kMaxAmount].
[[nodiscard]] constexpr bool is_valid_amount(Money amount) noexcept {
  return amount >= kMinAmount && amount <= kMaxAmount;
}

// True for three uppercase ASCII letters.
[[nodiscard]] constexpr bool is_valid_currency(std::string_view currency) noexcept {
  if (currency.size() != 3) return false;
  for (const char c : currency) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

// Why an amount was refused: `amount must be from 1 to 10^12 minor units, not 0`.
[[nodiscard]] inline std::string invalid_amount_message(Money amount) {
  std::string message = "amount must be from 1 to 10^12 minor units, not ";
  message += std::to_string(amount);
  return message;
}

// Why a currency was refused: `currency must be three uppercase letters, not "eur"`.
[[nodiscard]] inline std::string invalid_currency_message(std::string_view currency) {
  std::string message = "currency must be three uppercase letters, not \"";
  message += currency;
  message += '"';
  return message;
}

}  // namespace archbench::ledger
