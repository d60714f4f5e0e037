#include "ddd/ledger/account.hpp"

namespace archbench::ddd::ledger {

std::optional<Refusal> Account::refuse_currency(Currency currency) const {
  if (currency == currency_) return std::nullopt;
  return refusals::currency_mismatch(id_.text(), currency_.code(), currency.code());
}

std::optional<Refusal> Account::refuse_debit(Amount amount) const {
  if (balance_.covers(amount)) return std::nullopt;
  return refusals::insufficient_funds(id_.text(), balance_.minor_units(), amount.minor_units());
}

std::optional<Refusal> Account::refuse_credit(Amount amount) const {
  if (balance_.plus(amount)) return std::nullopt;
  return refusals::balance_overflow(id_.text());
}

Result<Balance> Account::deposit(Amount amount) {
  const auto after = balance_.plus(amount);
  if (!after) return refusals::balance_overflow(id_.text());
  return balance_ = *after;
}

Result<Balance> Account::debit(const Money& money) {
  if (auto refusal = refuse_currency(money.currency())) return *std::move(refusal);
  const auto after = balance_.minus(money.amount());
  if (!after) return *refuse_debit(money.amount());
  return balance_ = *after;
}

Result<Balance> Account::credit(const Money& money) {
  if (auto refusal = refuse_currency(money.currency())) return *std::move(refusal);
  const auto after = balance_.plus(money.amount());
  if (!after) return refusals::balance_overflow(id_.text());
  return balance_ = *after;
}

}  // namespace archbench::ddd::ledger
