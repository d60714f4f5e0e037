// Money: an Amount in a Currency, what a transfer moves. Valid parts make valid money, so the
// factory only checks them, in the contract's order: the amount first, then the currency.
//
// Money cannot be added or subtracted: two sums of money may be in different currencies, and in
// this ledger a currency is data (any three letters), not a type, so the compiler cannot tell
// EUR + EUR from EUR + USD. It refuses both; money changes a Balance only through an Account,
// which checks the currency (Account::deposit, transfer_funds).
#pragma once

#include <cstdint>
#include <string_view>

#include "ddd/kernel/amount.hpp"
#include "ddd/kernel/currency.hpp"
#include "ddd/kernel/refusal.hpp"

namespace archbench::ddd {

class Money {
 public:
  constexpr Money(Amount amount, Currency currency) noexcept
      : amount_(amount), currency_(currency) {}

  // From a request's raw fields: `invalid_amount`, then `invalid_currency`.
  [[nodiscard]] static Result<Money> from(std::int64_t minor_units, std::string_view code) {
    auto amount = Amount::from_minor_units(minor_units);
    if (auto* refusal = std::get_if<Refusal>(&amount)) return std::move(*refusal);
    auto currency = Currency::from_code(code);
    if (auto* refusal = std::get_if<Refusal>(&currency)) return std::move(*refusal);
    return Money(std::get<Amount>(amount), std::get<Currency>(currency));
  }

  [[nodiscard]] constexpr Amount amount() const noexcept { return amount_; }
  [[nodiscard]] constexpr Currency currency() const noexcept { return currency_; }

  friend constexpr bool operator==(const Money&, const Money&) noexcept = default;

  // Deleted, not just missing, so that the compiler's message says why (see the header).
  friend Money operator+(const Money&, const Money&) = delete;
  friend Money operator-(const Money&, const Money&) = delete;

 private:
  Amount amount_;
  Currency currency_;
};

}  // namespace archbench::ddd
