// Lab 04 (starter): the Account, as the code base had it: a bag of fields, the rules left to
// whoever calls it. Step 3 makes it an aggregate: its invariants (the currency is fixed, the
// balance never negative nor past 2^63-1, changed only by operations that check first) kept
// inside it (README.md).
#pragma once

#include <optional>

#include "money.hpp"
#include "refusal.hpp"

namespace archbench::lab04 {

class Account {
 public:
  Account(AccountId id, Currency currency) : id_(std::move(id)), currency_(std::move(currency)) {}

  [[nodiscard]] const AccountId& id() const { return id_; }
  [[nodiscard]] Currency currency() const { return currency_; }
  [[nodiscard]] Balance balance() const { return balance_; }

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
