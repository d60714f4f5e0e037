// Lab 04 (solution): the Account aggregate. Its invariants live inside it: the currency is
// fixed at opening, the balance is never negative and never passes 2^63-1, and it changes only
// through operations that check first. The checks are inline (they are a compare and a branch
// each); the refusals' messages are built out of line, in account.cpp.
#pragma once

#include <optional>
#include <utility>

#include "money.hpp"
#include "refusal.hpp"

namespace archbench::lab04 {

class Account;

// The refusals, out of line: only the unhappy path pays for the message.
[[nodiscard]] Refusal currency_mismatch(const Account& account, Currency asked);
[[nodiscard]] Refusal insufficient_funds(const Account& account, Amount needed);
[[nodiscard]] Refusal balance_overflow(const Account& account);

class Account {
 public:
  Account(AccountId id, Currency currency) noexcept : id_(std::move(id)), currency_(currency) {}

  [[nodiscard]] const AccountId& id() const noexcept { return id_; }
  [[nodiscard]] Currency currency() const noexcept { return currency_; }
  [[nodiscard]] Balance balance() const noexcept { return balance_; }

  // invalid_amount past 2^63-1
  [[nodiscard]] Result<Balance> deposit(Amount amount) {
    const auto after = balance_.plus(amount);
    if (!after) return balance_overflow(*this);
    return balance_ = *after;
  }
  // currency_mismatch, then insufficient_funds
  [[nodiscard]] Result<Balance> withdraw(const Money& money) {
    if (auto refusal = refuse_withdrawal(money)) return *std::move(refusal);
    return balance_ = *balance_.minus(money.amount());
  }
  // currency_mismatch, then invalid_amount past 2^63-1
  [[nodiscard]] Result<Balance> credit(const Money& money) {
    if (auto refusal = refuse_credit(money)) return *std::move(refusal);
    return balance_ = *balance_.plus(money.amount());
  }

  // The same checks without the change.
  [[nodiscard]] std::optional<Refusal> refuse_withdrawal(const Money& money) const {
    if (money.currency() != currency_) return currency_mismatch(*this, money.currency());
    if (!balance_.minus(money.amount())) return insufficient_funds(*this, money.amount());
    return std::nullopt;
  }
  [[nodiscard]] std::optional<Refusal> refuse_credit(const Money& money) const {
    if (money.currency() != currency_) return currency_mismatch(*this, money.currency());
    if (!balance_.plus(money.amount())) return balance_overflow(*this);
    return std::nullopt;
  }

 private:
  // The transfer checks both sides once, then applies both without checking again.
  friend std::optional<Refusal> transfer(Account& from, Account& to, const Money& money);

  AccountId id_;
  Currency currency_;
  Balance balance_ = Balance::zero();
};

// Moves `money` from `from` to `to`, both or neither: both sides are asked before either
// changes, and once both said yes neither can refuse.
[[nodiscard]] inline std::optional<Refusal> transfer(Account& from, Account& to,
                                                     const Money& money) {
  if (auto refusal = from.refuse_withdrawal(money)) return refusal;
  if (auto refusal = to.refuse_credit(money)) return refusal;
  from.balance_ = *from.balance_.minus(money.amount());
  to.balance_ = *to.balance_.plus(money.amount());
  return std::nullopt;
}

}  // namespace archbench::lab04
