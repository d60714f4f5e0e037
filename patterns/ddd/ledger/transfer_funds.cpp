#include "ddd/ledger/transfer_funds.hpp"

namespace archbench::ddd::ledger {

std::optional<Refusal> transfer_funds(Account& from, Account& to, const Money& money) {
  if (auto refusal = from.refuse_currency(money.currency())) return refusal;
  if (auto refusal = to.refuse_currency(money.currency())) return refusal;
  if (auto refusal = from.refuse_debit(money.amount())) return refusal;
  if (auto refusal = to.refuse_credit(money.amount())) return refusal;
  // Both sides said yes, and nothing ran in between: neither can refuse now. (Each still
  // checks: the invariants are the aggregate's, not this function's.)
  auto debited = from.debit(money);
  auto credited = to.credit(money);
  if (auto* refusal = std::get_if<Refusal>(&debited)) return std::move(*refusal);
  if (auto* refusal = std::get_if<Refusal>(&credited)) return std::move(*refusal);
  return std::nullopt;
}

}  // namespace archbench::ddd::ledger
