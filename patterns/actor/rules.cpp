// The refusals' wording: character for character the baseline's (patterns/baseline).
#include "actor/rules.hpp"

namespace archbench::actor::rules {

using ledger::Error;
using ledger::ErrorCode;

Error account_not_found(std::string_view id) {
  return {ErrorCode::account_not_found, "account " + std::string(id) + " does not exist"};
}

Error idempotency_conflict(std::string_view request_id) {
  return {ErrorCode::idempotency_conflict,
          "request_id " + std::string(request_id) + " was already used with a different body"};
}

Error balance_overflow(std::string_view id) {
  return {ErrorCode::invalid_amount,
          "account " + std::string(id) + "'s balance would exceed 2^63-1"};
}

Error currency_mismatch(std::string_view id, std::string_view held, std::string_view wanted) {
  return {ErrorCode::currency_mismatch, "account " + std::string(id) + " holds " +
                                            std::string(held) + ", not " + std::string(wanted)};
}

Error insufficient_funds(std::string_view id, ledger::Money balance, ledger::Money amount) {
  return {ErrorCode::insufficient_funds, "account " + std::string(id) + " holds " +
                                             std::to_string(balance) + ", needs " +
                                             std::to_string(amount)};
}

std::optional<Error> check_amount(ledger::Money amount) {
  if (amount >= ledger::kMinAmount && amount <= ledger::kMaxAmount) return std::nullopt;
  return Error{ErrorCode::invalid_amount,
               "amount must be from 1 to 10^12 minor units, not " + std::to_string(amount)};
}

std::optional<Error> check_currency(const std::string& currency) {
  if (ledger::is_valid_currency(currency)) return std::nullopt;
  return Error{ErrorCode::invalid_currency,
               "currency must be three uppercase letters, not \"" + currency + "\""};
}

std::optional<Error> check_transfer(const ledger::TransferRequest& request) {
  if (auto error = check_amount(request.amount)) return error;
  if (auto error = check_currency(request.currency)) return error;
  if (request.from == request.to) {
    return Error{ErrorCode::same_account,
                 "cannot transfer from account " + request.from + " to itself"};
  }
  return std::nullopt;
}

bool same_transfer(const ledger::TransferRequest& a, const ledger::TransferRequest& b) noexcept {
  return a.from == b.from && a.to == b.to && a.amount == b.amount && a.currency == b.currency &&
         a.memo == b.memo;
}

}  // namespace archbench::actor::rules
