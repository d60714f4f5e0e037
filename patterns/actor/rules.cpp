// The transfer's stateless checks in the contract's order, and what "the same body" means.
#include "actor/rules.hpp"

namespace archbench::actor::rules {

std::optional<ledger::Error> check_transfer(const ledger::TransferRequest& request) {
  if (auto error = check_amount(request.amount)) return error;
  if (auto error = check_currency(request.currency)) return error;
  if (request.from == request.to) return ledger::refusals::same_account(request.from);
  return std::nullopt;
}

bool same_transfer(const ledger::TransferRequest& a, const ledger::TransferRequest& b) noexcept {
  return a.from == b.from && a.to == b.to && a.amount == b.amount && a.currency == b.currency &&
         a.memo == b.memo;
}

}  // namespace archbench::actor::rules
