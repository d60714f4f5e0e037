// Account: the Ledger's aggregate root. Its invariants live here and nowhere else:
//   - the currency is fixed when the account opens;
//   - the balance is never negative and never passes 2^63-1;
//   - the balance changes only by a deposit, a debit or a credit, each of which checks first.
// Nothing outside can set the balance: Balance has no public constructor but zero().
#pragma once

#include <optional>

#include "ddd/kernel/amount.hpp"
#include "ddd/kernel/balance.hpp"
#include "ddd/kernel/currency.hpp"
#include "ddd/kernel/money.hpp"
#include "ddd/kernel/names.hpp"
#include "ddd/kernel/refusal.hpp"
#include "ddd/ledger/names.hpp"

namespace archbench::ddd::ledger {

class Account {
 public:
  // A new account: its currency for life, and a zero balance.
  Account(AccountId id, Owner owner, Currency currency) noexcept
      : id_(std::move(id)), owner_(std::move(owner)), currency_(currency) {}

  [[nodiscard]] const AccountId& id() const noexcept { return id_; }
  [[nodiscard]] const Owner& owner() const noexcept { return owner_; }
  [[nodiscard]] Currency currency() const noexcept { return currency_; }
  [[nodiscard]] Balance balance() const noexcept { return balance_; }

  // A deposit names no currency: it is in the account's. Refused (invalid_amount) when the
  // balance would pass 2^63-1. Returns the balance after.
  [[nodiscard]] Result<Balance> deposit(Amount amount);
  // Money out: currency_mismatch, then insufficient_funds.
  [[nodiscard]] Result<Balance> debit(const Money& money);
  // Money in: currency_mismatch, then invalid_amount past 2^63-1.
  [[nodiscard]] Result<Balance> credit(const Money& money);

  // The same checks without the change, for a transfer that must check both sides first.
  [[nodiscard]] std::optional<Refusal> refuse_currency(Currency currency) const;
  [[nodiscard]] std::optional<Refusal> refuse_debit(Amount amount) const;
  [[nodiscard]] std::optional<Refusal> refuse_credit(Amount amount) const;

 private:
  AccountId id_;
  Owner owner_;
  Currency currency_;
  Balance balance_ = Balance::zero();
};

}  // namespace archbench::ddd::ledger
