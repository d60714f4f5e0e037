// The contract's rules on a single value, and the words every backend refuses a request with
// (docs/workload.md): an amount is 1 to 10^12 minor units, a currency three uppercase letters;
// `account acc-9 does not exist`, ... Each rule and each message exist here once.
//
// Header-only and standard-library only on purpose: a domain model that links nothing but the
// standard library (patterns/ddd/kernel) builds its strong types' factories and its refusals on
// these. Backends that speak the contract directly call check_amount, check_currency and
// refusals::* (contract.hpp), which pair them with the contract's error codes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
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

namespace detail {
// The parts, one after the other, in one allocation.
[[nodiscard]] inline std::string join(std::initializer_list<std::string_view> parts) {
  std::size_t size = 0;
  for (const auto part : parts) size += part.size();
  std::string text;
  text.reserve(size);
  for (const auto part : parts) text += part;
  return text;
}
}  // namespace detail

// The words of each refusal. Only a refused request pays for them.

// `amount must be from 1 to 10^12 minor units, not 0` (invalid_amount)
[[nodiscard]] inline std::string invalid_amount_message(Money amount) {
  return detail::join({"amount must be from 1 to 10^12 minor units, not ", std::to_string(amount)});
}

// `currency must be three uppercase letters, not "eur"` (invalid_currency)
[[nodiscard]] inline std::string invalid_currency_message(std::string_view currency) {
  return detail::join({"currency must be three uppercase letters, not \"", currency, "\""});
}

// `account acc-9's balance would exceed 2^63-1` (invalid_amount)
[[nodiscard]] inline std::string balance_overflow_message(std::string_view account) {
  return detail::join({"account ", account, "'s balance would exceed 2^63-1"});
}

// `cannot transfer from account acc-1 to itself` (same_account)
[[nodiscard]] inline std::string same_account_message(std::string_view account) {
  return detail::join({"cannot transfer from account ", account, " to itself"});
}

// `request_id t-1 was already used with a different body` (idempotency_conflict)
[[nodiscard]] inline std::string idempotency_conflict_message(std::string_view request_id) {
  return detail::join({"request_id ", request_id, " was already used with a different body"});
}

// `account acc-9 does not exist` (account_not_found)
[[nodiscard]] inline std::string account_not_found_message(std::string_view account) {
  return detail::join({"account ", account, " does not exist"});
}

// `account acc-2 holds USD, not EUR` (currency_mismatch)
[[nodiscard]] inline std::string currency_mismatch_message(std::string_view account,
                                                           std::string_view holds,
                                                           std::string_view asked) {
  return detail::join({"account ", account, " holds ", holds, ", not ", asked});
}

// `account acc-1 holds 1, needs 5000` (insufficient_funds)
[[nodiscard]] inline std::string insufficient_funds_message(std::string_view account, Money holds,
                                                            Money needs) {
  return detail::join(
      {"account ", account, " holds ", std::to_string(holds), ", needs ", std::to_string(needs)});
}

}  // namespace archbench::ledger
