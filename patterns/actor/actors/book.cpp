// The ledger's rules that need an account's state, one account actor at a time.
#include "actor/actors/book.hpp"

#include <algorithm>
#include <utility>

#include "actor/rules.hpp"
#include "common/ledger/json_codec.hpp"

namespace archbench::actor {

using ledger::Money;

auto Book::find(std::string_view id) -> AccountState* {
  const auto it = accounts_.find(id);
  return it == accounts_.end() ? nullptr : &it->second;
}

auto Book::find(std::string_view id) const -> const AccountState* {
  const auto it = accounts_.find(id);
  return it == accounts_.end() ? nullptr : &it->second;
}

bool Book::has_room(const AccountState& state, Money amount) noexcept {
  const Money headroom = rules::kMaxBalance - state.account.balance;
  return state.reserved_credit <= headroom && amount <= headroom - state.reserved_credit;
}

void Book::open(ledger::Account account) {
  std::string id = account.id;
  accounts_.emplace(std::move(id), AccountState{.account = std::move(account), .history = {}});
}

bool Book::write_account(std::string_view id, std::string& out) const {
  const AccountState* state = find(id);
  if (state == nullptr) return false;
  ledger::write_json(state->account, out);
  return true;
}

bool Book::write_transactions(std::string_view id, int limit, std::string& out) const {
  const AccountState* state = find(id);
  if (state == nullptr) return false;
  // Newest first, straight from the history into the answer: no copy of the lines.
  const auto& history = state->history;
  const auto count = std::min(history.size(), static_cast<std::size_t>(limit));
  ledger::begin_transactions_json(id, out);
  for (std::size_t i = 0; i < count; ++i) {
    const ledger::Transaction& line = history[history.size() - 1 - i];
    ledger::write_transaction_line_json(i == 0, line.id, line.kind, line.amount, line.balance_after,
                                        line.counterparty, line.memo, out);
  }
  ledger::end_transactions_json(out);
  return true;
}

DepositOutcome Book::deposit(std::string_view id, Money amount) {
  AccountState* state = find(id);
  if (state == nullptr) return rules::account_not_found(id);
  if (!has_room(*state, amount)) return rules::balance_overflow(state->account.id);
  state->account.balance += amount;
  ledger::Deposit deposit{.id = "dep-" + std::to_string(ids_->take(ids_->deposit)),
                          .account = state->account.id,
                          .amount = amount,
                          .balance = state->account.balance};
  state->history.push_back({.id = deposit.id,
                            .kind = ledger::TransactionKind::deposit,
                            .amount = amount,
                            .balance_after = deposit.balance,
                            .counterparty = std::nullopt,
                            .memo = std::nullopt});
  return deposit;
}

StepVerdict Book::reserve_credit(const ReserveCredit& step) {
  AccountState* state = find(step.to);
  if (state == nullptr) return {Refusal{2, rules::account_not_found(step.to)}};
  if (state->account.currency != step.currency) {
    return {Refusal{4, rules::currency_mismatch(step.to, state->account.currency, step.currency)}};
  }
  if (!has_room(*state, step.amount)) return {Refusal{6, rules::balance_overflow(step.to)}};
  state->reserved_credit += step.amount;
  return {};
}

DebitVerdict Book::debit(const Debit& step) {
  const ledger::TransferRequest& request = step.request;
  AccountState* state = find(request.from);
  if (state == nullptr) return {Refusal{1, rules::account_not_found(request.from)}, {}};
  ledger::Account& source = state->account;
  if (source.currency != request.currency) {
    return {Refusal{3, rules::currency_mismatch(source.id, source.currency, request.currency)}, {}};
  }
  if (source.balance < request.amount) {
    return {Refusal{5, rules::insufficient_funds(source.id, source.balance, request.amount)}, {}};
  }
  if (!step.apply) return {};

  // The transfer succeeds from here on (its credit is reserved): it takes its number now.
  source.balance -= request.amount;
  std::string id = "tr-" + std::to_string(ids_->take(ids_->transfer));
  state->history.push_back({.id = id,
                            .kind = ledger::TransactionKind::transfer_out,
                            .amount = request.amount,
                            .balance_after = source.balance,
                            .counterparty = request.to,
                            .memo = request.memo});
  return {std::nullopt, std::move(id)};
}

void Book::commit_credit(const CommitCredit& step) {
  AccountState* state = find(step.to);
  if (state == nullptr) return;  // cannot be: step 1 found it, and accounts are never removed
  state->reserved_credit -= step.amount;
  state->account.balance += step.amount;
  state->history.push_back({.id = step.transfer_id,
                            .kind = ledger::TransactionKind::transfer_in,
                            .amount = step.amount,
                            .balance_after = state->account.balance,
                            .counterparty = step.from,
                            .memo = step.memo});
}

void Book::release_credit(const ReleaseCredit& step) {
  if (AccountState* state = find(step.to)) state->reserved_credit -= step.amount;
}

}  // namespace archbench::actor
