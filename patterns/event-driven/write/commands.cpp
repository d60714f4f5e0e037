#include "event-driven/write/commands.hpp"

#include <limits>
#include <optional>
#include <string>

namespace archbench::event_driven {
namespace {

using ledger::check_amount;  // the contract's stateless checks, in every backend's words
using ledger::check_currency;
using ledger::Error;
using ledger::ErrorCode;

constexpr Money kMaxBalance = std::numeric_limits<Money>::max();

Error account_not_found(std::string_view id) {
  return {ErrorCode::account_not_found, "account " + std::string(id) + " does not exist"};
}

Error idempotency_conflict(const std::string& request_id) {
  return {ErrorCode::idempotency_conflict,
          "request_id " + request_id + " was already used with a different body"};
}

Error balance_overflow(std::string_view id) {
  return {ErrorCode::invalid_amount,
          "account " + std::string(id) + "'s balance would exceed 2^63-1"};
}

// The request a TransferCompleted event answered, to compare a retry with.
ledger::TransferRequest request_of(const TransferCompleted& e) {
  return {.from = e.from,
          .to = e.to,
          .amount = e.amount,
          .currency = e.currency,
          .request_id = e.request_id,
          .memo = e.memo};
}

}  // namespace

ledger::Account answer_of(const AccountOpened& e) {
  return {.id = e.account, .owner = e.owner, .currency = e.currency, .balance = 0};
}

ledger::Deposit answer_of(const FundsDeposited& e, Money balance_after) {
  return {.id = e.deposit, .account = e.account, .amount = e.amount, .balance = balance_after};
}

ledger::Transfer answer_of(const TransferCompleted& e) {
  return {.id = e.transfer, .from = e.from, .to = e.to, .amount = e.amount, .currency = e.currency};
}

std::variant<AccountOpened, Error> open_account(const LedgerState& state,
                                                ledger::NewAccount request) {
  if (auto error = check_currency(request.currency)) return *std::move(error);
  return AccountOpened{.account = "acc-" + std::to_string(state.accounts_opened() + 1),
                       .owner = std::move(request.owner),
                       .currency = std::move(request.currency)};
}

Decision<FundsDeposited, ledger::Deposit> deposit(const LedgerState& state,
                                                  std::string_view account,
                                                  const ledger::DepositRequest& request) {
  if (auto error = check_amount(request.amount)) return *std::move(error);
  if (const auto* seen = state.deposit(request.request_id)) {
    if (seen->event.account == account && seen->event.amount == request.amount) {
      return Repeat<ledger::Deposit>{answer_of(seen->event, seen->balance_after), seen->position};
    }
    return idempotency_conflict(request.request_id);
  }
  const auto* target = state.account(account);
  if (target == nullptr) return account_not_found(account);
  if (target->balance > kMaxBalance - request.amount) return balance_overflow(account);
  return FundsDeposited{.deposit = "dep-" + std::to_string(state.deposits_made() + 1),
                        .account = std::string(account),
                        .amount = request.amount,
                        .request_id = request.request_id};
}

Decision<TransferCompleted, ledger::Transfer> transfer(const LedgerState& state,
                                                       const ledger::TransferRequest& request) {
  if (auto error = check_amount(request.amount)) return *std::move(error);
  if (auto error = check_currency(request.currency)) return *std::move(error);
  if (request.from == request.to) {
    return Error{ErrorCode::same_account,
                 "cannot transfer from account " + request.from + " to itself"};
  }
  if (const auto* seen = state.transfer(request.request_id)) {
    if (request_of(seen->event) == request) {
      return Repeat<ledger::Transfer>{answer_of(seen->event), seen->position};
    }
    return idempotency_conflict(request.request_id);
  }
  const auto* source = state.account(request.from);
  if (source == nullptr) return account_not_found(request.from);
  const auto* target = state.account(request.to);
  if (target == nullptr) return account_not_found(request.to);
  for (const auto& [id, account] :
       {std::pair{&request.from, source}, std::pair{&request.to, target}}) {
    if (account->currency != request.currency) {
      return Error{ErrorCode::currency_mismatch,
                   "account " + *id + " holds " + account->currency + ", not " + request.currency};
    }
  }
  if (source->balance < request.amount) {
    return Error{ErrorCode::insufficient_funds, "account " + request.from + " holds " +
                                                    std::to_string(source->balance) + ", needs " +
                                                    std::to_string(request.amount)};
  }
  if (target->balance > kMaxBalance - request.amount) return balance_overflow(request.to);
  return TransferCompleted{.transfer = "tr-" + std::to_string(state.transfers_made() + 1),
                           .from = request.from,
                           .to = request.to,
                           .amount = request.amount,
                           .currency = request.currency,
                           .request_id = request.request_id,
                           .memo = request.memo};
}

}  // namespace archbench::event_driven
