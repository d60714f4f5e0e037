// Lab 04 (solution): the Account's operations and the transfer.
#include "account.hpp"

#include <string>
#include <variant>

namespace archbench::lab04 {
namespace {

Refusal mismatch(const Account& account, Currency asked) {
  return {Reason::currency_mismatch, "account " + account.id().text() + " holds " +
                                         std::string(account.currency().code()) + ", not " +
                                         std::string(asked.code())};
}

Refusal overflow(const Account& account) {
  return {Reason::invalid_amount,
          "account " + account.id().text() + "'s balance would exceed 2^63-1"};
}

}  // namespace

std::optional<Refusal> Account::refuse_withdrawal(const Money& money) const {
  if (money.currency() != currency_) return mismatch(*this, money.currency());
  if (!balance_.minus(money.amount())) {
    return Refusal{Reason::insufficient_funds,
                   "account " + id_.text() + " holds " + std::to_string(balance_.minor_units()) +
                       ", needs " + std::to_string(money.amount().minor_units())};
  }
  return std::nullopt;
}

std::optional<Refusal> Account::refuse_credit(const Money& money) const {
  if (money.currency() != currency_) return mismatch(*this, money.currency());
  if (!balance_.plus(money.amount())) return overflow(*this);
  return std::nullopt;
}

Result<Balance> Account::deposit(Amount amount) {
  const auto after = balance_.plus(amount);
  if (!after) return overflow(*this);
  return balance_ = *after;
}

Result<Balance> Account::withdraw(const Money& money) {
  if (auto refusal = refuse_withdrawal(money)) return *std::move(refusal);
  return balance_ = *balance_.minus(money.amount());
}

Result<Balance> Account::credit(const Money& money) {
  if (auto refusal = refuse_credit(money)) return *std::move(refusal);
  return balance_ = *balance_.plus(money.amount());
}

std::optional<Refusal> transfer(Account& from, Account& to, const Money& money) {
  // Both sides first: once both said yes, neither can refuse.
  if (auto refusal = from.refuse_withdrawal(money)) return refusal;
  if (auto refusal = to.refuse_credit(money)) return refusal;
  (void)from.withdraw(money);
  (void)to.credit(money);
  return std::nullopt;
}

}  // namespace archbench::lab04
