#include "hexagonal/domain/transfer.hpp"

#include <utility>

namespace archbench::hexagonal::domain {

std::optional<Error> check_transfer(const TransferRequest& request) {
  if (!is_valid_amount(request.amount)) {
    return Error{ErrorCode::invalid_amount, "amount must be from 1 to 10^12 minor units, not " +
                                                std::to_string(request.amount)};
  }
  if (!is_valid_currency(request.currency)) {
    return Error{ErrorCode::invalid_currency,
                 "currency must be three uppercase letters, not \"" + request.currency + "\""};
  }
  if (request.from == request.to) {
    return Error{ErrorCode::same_account,
                 "cannot transfer from account " + request.from + " to itself"};
  }
  return std::nullopt;
}

Outcome<TransferPosting> post_transfer(const TransferRequest& request,
                                       const std::optional<Account>& from,
                                       const std::optional<Account>& to, const NewId& new_id) {
  if (!from) return account_not_found(request.from);
  if (!to) return account_not_found(request.to);
  for (const Account* account : {&*from, &*to}) {
    if (account->currency != request.currency) {
      return Error{
          ErrorCode::currency_mismatch,
          "account " + account->id + " holds " + account->currency + ", not " + request.currency};
    }
  }
  if (from->balance < request.amount) {
    return Error{ErrorCode::insufficient_funds, "account " + from->id + " holds " +
                                                    std::to_string(from->balance) + ", needs " +
                                                    std::to_string(request.amount)};
  }
  if (!can_credit(to->balance, request.amount)) {
    return Error{ErrorCode::invalid_amount, "account " + to->id + "'s balance would exceed 2^63-1"};
  }

  const Money from_balance = from->balance - request.amount;
  const Money to_balance = to->balance + request.amount;
  std::string id = new_id();
  Transaction debit{
      id, TransactionKind::transfer_out, request.amount, from_balance, to->id, request.memo};
  Transaction credit{
      id, TransactionKind::transfer_in, request.amount, to_balance, from->id, request.memo};
  return TransferPosting{
      Transfer{std::move(id), from->id, to->id, request.amount, request.currency}, from_balance,
      to_balance, std::move(debit), std::move(credit)};
}

}  // namespace archbench::hexagonal::domain
