// The ledger's rules that need an account's state, one account actor at a time: each change
// decided here, recorded (record()), then applied (apply()).
#include "actor/actors/book.hpp"

#include <algorithm>
#include <utility>

#include "actor/rules.hpp"
#include "common/ledger/json_codec.hpp"

namespace archbench::actor {

using ledger::Money;
using Kind = Event::Kind;

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

void Book::record(Event event) {
  if (journal_ != nullptr) {
    journal_->append(std::move(event));
    apply(journal_->events().back());
  } else {
    apply(event);
  }
}

void Book::open(ledger::Account account) {
  record({.kind = Kind::opened,
          .account = std::move(account.id),
          .counterparty = std::move(account.owner),
          .currency = std::move(account.currency),
          .amount = account.balance});
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

DepositOutcome Book::deposit(const ApplyDeposit& step) {
  if (const auto done = deposits_.find(step.request_id); done != deposits_.end()) {
    return done->second;  // applied before a crash ate the answer
  }
  const AccountState* state = find(step.account);
  if (state == nullptr) return rules::account_not_found(step.account);
  if (!has_room(*state, step.amount)) return rules::balance_overflow(state->account.id);
  record({.kind = Kind::deposited,
          .account = step.account,
          .request_id = step.request_id,
          .id = "dep-" + std::to_string(ids_->take(ids_->deposit)),
          .amount = step.amount});
  return deposits_.at(step.request_id);
}

StepVerdict Book::reserve_credit(const ReserveCredit& step) {
  if (reservations_.contains(step.request_id) || credits_.contains(step.request_id)) return {};
  const AccountState* state = find(step.to);
  if (state == nullptr) return {Refusal{2, rules::account_not_found(step.to)}};
  if (state->account.currency != step.currency) {
    return {Refusal{4, rules::currency_mismatch(step.to, state->account.currency, step.currency)}};
  }
  if (!has_room(*state, step.amount)) return {Refusal{6, rules::balance_overflow(step.to)}};
  record({.kind = Kind::reserved,
          .account = step.to,
          .request_id = step.request_id,
          .amount = step.amount});
  return {};
}

DebitVerdict Book::debit(const Debit& step) {
  const ledger::TransferRequest& request = step.request;
  if (const auto done = debits_.find(request.request_id); done != debits_.end()) {
    return {std::nullopt, done->second};
  }
  const AccountState* state = find(request.from);
  if (state == nullptr) return {Refusal{1, rules::account_not_found(request.from)}, {}};
  const ledger::Account& source = state->account;
  if (source.currency != request.currency) {
    return {Refusal{3, rules::currency_mismatch(source.id, source.currency, request.currency)}, {}};
  }
  if (source.balance < request.amount) {
    return {Refusal{5, rules::insufficient_funds(source.id, source.balance, request.amount)}, {}};
  }
  if (!step.apply) return {};

  // The transfer succeeds from here on (its credit is reserved): it takes its number now.
  record({.kind = Kind::debited,
          .account = request.from,
          .request_id = request.request_id,
          .id = "tr-" + std::to_string(ids_->take(ids_->transfer)),
          .counterparty = request.to,
          .amount = request.amount,
          .memo = request.memo});
  return {std::nullopt, debits_.at(request.request_id)};
}

void Book::commit_credit(const CommitCredit& step) {
  // Only a reservation becomes a credit: none here means step 3 was applied already.
  const auto reserved = reservations_.find(step.request_id);
  if (reserved == reservations_.end()) return;
  record({.kind = Kind::credited,
          .account = step.to,
          .request_id = step.request_id,
          .id = step.transfer_id,
          .counterparty = step.from,
          .amount = reserved->second,
          .memo = step.memo});
}

void Book::release_credit(const ReleaseCredit& step) {
  const auto reserved = reservations_.find(step.request_id);
  if (reserved == reservations_.end()) return;
  record({.kind = Kind::released,
          .account = step.to,
          .request_id = step.request_id,
          .amount = reserved->second});
}

void Book::apply(const Event& event) {
  if (event.kind == Kind::opened) {
    accounts_.emplace(event.account, AccountState{.account = {.id = event.account,
                                                              .owner = event.counterparty,
                                                              .currency = event.currency,
                                                              .balance = event.amount},
                                                  .history = {}});
    return;
  }
  AccountState& state = *find(event.account);  // recorded only for an account that is here
  ledger::Account& account = state.account;
  auto line = [&](ledger::TransactionKind kind, std::optional<std::string> counterparty) {
    state.history.push_back({.id = event.id,
                             .kind = kind,
                             .amount = event.amount,
                             .balance_after = account.balance,
                             .counterparty = std::move(counterparty),
                             .memo = event.memo});
  };
  switch (event.kind) {
    case Kind::opened:
      break;
    case Kind::deposited:
      account.balance += event.amount;
      line(ledger::TransactionKind::deposit, std::nullopt);
      deposits_[event.request_id] = {.id = event.id,
                                     .account = account.id,
                                     .amount = event.amount,
                                     .balance = account.balance};
      break;
    case Kind::reserved:
      state.reserved_credit += event.amount;
      reservations_[event.request_id] = event.amount;
      break;
    case Kind::debited:
      account.balance -= event.amount;
      line(ledger::TransactionKind::transfer_out, event.counterparty);
      debits_[event.request_id] = event.id;
      break;
    case Kind::credited:
      state.reserved_credit -= event.amount;
      reservations_.erase(event.request_id);
      account.balance += event.amount;
      line(ledger::TransactionKind::transfer_in, event.counterparty);
      credits_.insert(event.request_id);
      break;
    case Kind::released:
      state.reserved_credit -= event.amount;
      reservations_.erase(event.request_id);
      break;
  }
}

}  // namespace archbench::actor
