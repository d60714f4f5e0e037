#include "hexagonal/domain/deposit.hpp"

#include <utility>

namespace archbench::hexagonal::domain {

std::optional<Error> check_deposit(const DepositRequest& request) {
  if (!is_valid_amount(request.amount)) {
    return Error{ErrorCode::invalid_amount, "amount must be from 1 to 10^12 minor units, not " +
                                                std::to_string(request.amount)};
  }
  return std::nullopt;
}

Outcome<DepositPosting> post_deposit(const DepositRequest& request,
                                     const std::optional<Account>& account, const NewId& new_id) {
  if (!account) return account_not_found(request.account);
  if (!can_credit(account->balance, request.amount)) {
    return Error{ErrorCode::invalid_amount,
                 "account " + account->id + "'s balance would exceed 2^63-1"};
  }
  const Money balance = account->balance + request.amount;
  std::string id = new_id();
  Transaction line{id,          TransactionKind::deposit, request.amount, balance, std::nullopt,
                   std::nullopt};
  return DepositPosting{Deposit{std::move(id), account->id, request.amount, balance},
                        std::move(line)};
}

}  // namespace archbench::hexagonal::domain
