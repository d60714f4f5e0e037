// Lab 04 (solution): the Account aggregate. Its invariants live inside it: the currency is
// fixed at opening, the balance is never negative and never passes 2^63-1, and it changes only
// through operations that check first.
#pragma once

#include <optional>

#include "money.hpp"
#include "refusal.hpp"

namespace archbench::lab04 {

class Account {
 public:
  Account(AccountId id, Currency currency) noexcept : id_(std::move(id)), currency_(currency) {}

  [[nodiscard]] const AccountId& id() const noexcept { return id_; }
  [[nodiscard]] Currency currency() const noexcept { return currency_; }
  [[nodiscard]] Balance balance() const noexcept { return balance_; }

  [[nodiscard]] Result<Balance> deposit(Amount amount);        // invalid_amount past 2^63-1
  [[nodiscard]] Result<Balance> withdraw(const Money& money);  // mismatch, insufficient
  [[nodiscard]] Result<Balance> credit(const Money& money);    // mismatch, invalid_amount

  // The same checks without the change.
  [[nodiscard]] std::optional<Refusal> refuse_withdrawal(const Money& money) const;
  [[nodiscard]] std::optional<Refusal> refuse_credit(const Money& money) const;

 private:
  AccountId id_;
  Currency currency_;
  Balance balance_ = Balance::zero();
};

// Moves `money` from `from` to `to`, both or neither.
[[nodiscard]] std::optional<Refusal> transfer(Account& from, Account& to, const Money& money);

}  // namespace archbench::lab04
