// Lab 04 (starter): the Account's operations and the transfer. Step 3 (README.md).
#include "account.hpp"

namespace archbench::lab04 {

// TODO(student): step 3. Refuse money in another currency (Reason::currency_mismatch), then a
// withdrawal the balance does not cover (Reason::insufficient_funds).
std::optional<Refusal> Account::refuse_withdrawal(const Money&) const { return std::nullopt; }

// TODO(student): step 3. Refuse money in another currency, then a credit that would take the
// balance past 2^63-1 (Reason::invalid_amount).
std::optional<Refusal> Account::refuse_credit(const Money&) const { return std::nullopt; }

// TODO(student): step 3. Refuse (Reason::invalid_amount) a deposit that would pass 2^63-1.
Result<Balance> Account::deposit(Amount amount) {
  balance_ = Balance(balance_ + amount);
  return balance_;
}

// TODO(student): step 3. Check first (refuse_withdrawal), change after; return the balance.
Result<Balance> Account::withdraw(const Money& money) {
  balance_ = Balance(balance_ - money.amount());
  return balance_;
}

// TODO(student): step 3. Check first (refuse_credit), change after.
Result<Balance> Account::credit(const Money& money) {
  balance_ = Balance(balance_ + money.amount());
  return balance_;
}

// TODO(student): step 3. Both balances change, or neither: a transfer that one side refuses
// must leave the other side as it was.
std::optional<Refusal> transfer(Account& from, Account& to, const Money& money) {
  (void)from.withdraw(money);
  (void)to.credit(money);
  return std::nullopt;
}

}  // namespace archbench::lab04
