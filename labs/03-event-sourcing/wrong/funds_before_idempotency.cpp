// replaces: decide.cpp
// caught by: Lab03_Step2_Decide.ARetryOfASpentTransferStillGetsItsFirstAnswer
//
// WRONG: looks at the accounts before the request_id. Every check still happens, but a client
// retrying a transfer that went through (and emptied its source) is told insufficient_funds
// and concludes its money never moved.

#include <limits>
#include <string>

#include "decide.hpp"

namespace archbench::lab03 {
namespace {

using ledger::Error;
using ledger::ErrorCode;

constexpr Money kMaxBalance = std::numeric_limits<Money>::max();

bool same_request(const TransferCompleted& first, const ledger::TransferRequest& request) {
  return first.from == request.from && first.to == request.to && first.amount == request.amount &&
         first.currency == request.currency && first.memo == request.memo;
}

}  // namespace

TransferDecision decide_transfer(const LedgerState& state, const ledger::TransferRequest& request) {
  if (request.amount < ledger::kMinAmount || request.amount > ledger::kMaxAmount) {
    return Error{ErrorCode::invalid_amount, "amount must be from 1 to 10^12 minor units, not " +
                                                std::to_string(request.amount)};
  }
  if (!ledger::is_valid_currency(request.currency)) {
    return Error{ErrorCode::invalid_currency,
                 "currency must be three uppercase letters, not \"" + request.currency + "\""};
  }
  if (request.from == request.to) {
    return Error{ErrorCode::same_account,
                 "cannot transfer from account " + request.from + " to itself"};
  }
  if (const auto* source = state.account(request.from);
      source != nullptr && source->balance < request.amount) {
    return Error{ErrorCode::insufficient_funds, "account " + request.from + " holds too little"};
  }
  if (const TransferCompleted* first = state.transfer(request.request_id)) {
    if (same_request(*first, request)) return Repeat{*first};
    return Error{ErrorCode::idempotency_conflict,
                 "request_id " + request.request_id + " was already used with a different body"};
  }
  const auto* from = state.account(request.from);
  if (from == nullptr) {
    return Error{ErrorCode::account_not_found, "account " + request.from + " does not exist"};
  }
  const auto* to = state.account(request.to);
  if (to == nullptr) {
    return Error{ErrorCode::account_not_found, "account " + request.to + " does not exist"};
  }
  if (from->currency != request.currency || to->currency != request.currency) {
    const bool source = from->currency != request.currency;
    return Error{ErrorCode::currency_mismatch,
                 "account " + (source ? request.from : request.to) + " holds " +
                     (source ? from->currency : to->currency) + ", not " + request.currency};
  }
  if (from->balance < request.amount) {
    return Error{ErrorCode::insufficient_funds, "account " + request.from + " holds " +
                                                    std::to_string(from->balance) + ", needs " +
                                                    std::to_string(request.amount)};
  }
  if (to->balance > kMaxBalance - request.amount) {
    return Error{ErrorCode::invalid_amount,
                 "account " + request.to + "'s balance would exceed 2^63-1"};
  }
  return TransferCompleted{.transfer = "tr-" + std::to_string(state.transfers_made() + 1),
                           .from = request.from,
                           .to = request.to,
                           .amount = request.amount,
                           .currency = request.currency,
                           .request_id = request.request_id,
                           .memo = request.memo};
}

}  // namespace archbench::lab03
