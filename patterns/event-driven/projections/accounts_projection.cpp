#include "event-driven/projections/accounts_projection.hpp"

#include <algorithm>
#include <mutex>
#include <stdexcept>
#include <utility>

namespace archbench::event_driven {
void AccountsProjection::apply(const EventBatch& events, Position position) {
  const std::unique_lock lock(mutex_);
  for (const Event& event : events) apply_one(event);
  position_ = position;
}

auto AccountsProjection::view(const std::string& id) -> AccountView& {
  const auto it = accounts_.find(id);
  if (it == accounts_.end()) {
    throw std::runtime_error("event log names account " + id + " before it was opened");
  }
  return it->second;
}

void AccountsProjection::record(AccountView& view, ledger::Transaction line) {
  if (histories_ == Histories::kept) view.history.push_back(std::move(line));
}

void AccountsProjection::apply_one(const Event& event) {
  using ledger::TransactionKind;
  std::visit(Overloaded{
                 [&](const AccountOpened& e) {
                   accounts_.emplace(e.account, AccountView{.account = {.id = e.account,
                                                                        .owner = e.owner,
                                                                        .currency = e.currency,
                                                                        .balance = 0},
                                                            .history = {}});
                 },
                 [&](const FundsDeposited& e) {
                   AccountView& target = view(e.account);
                   target.account.balance += e.amount;
                   record(target, {.id = e.deposit,
                                   .kind = TransactionKind::deposit,
                                   .amount = e.amount,
                                   .balance_after = target.account.balance,
                                   .counterparty = std::nullopt,
                                   .memo = std::nullopt});
                 },
                 [&](const TransferCompleted& e) {
                   AccountView& source = view(e.from);
                   AccountView& target = view(e.to);
                   source.account.balance -= e.amount;
                   target.account.balance += e.amount;
                   record(source, {.id = e.transfer,
                                   .kind = TransactionKind::transfer_out,
                                   .amount = e.amount,
                                   .balance_after = source.account.balance,
                                   .counterparty = e.to,
                                   .memo = e.memo});
                   record(target, {.id = e.transfer,
                                   .kind = TransactionKind::transfer_in,
                                   .amount = e.amount,
                                   .balance_after = target.account.balance,
                                   .counterparty = e.from,
                                   .memo = e.memo});
                 },
             },
             event);
}

std::optional<ledger::Account> AccountsProjection::account(std::string_view id) const {
  const std::shared_lock lock(mutex_);
  const auto it = accounts_.find(id);
  if (it == accounts_.end()) return std::nullopt;
  return it->second.account;
}

std::optional<std::vector<ledger::Transaction>> AccountsProjection::transactions(
    std::string_view id, int limit) const {
  const std::shared_lock lock(mutex_);
  const auto it = accounts_.find(id);
  if (it == accounts_.end()) return std::nullopt;
  const auto& history = it->second.history;
  const auto count = std::min(history.size(), static_cast<std::size_t>(limit));
  return std::vector<ledger::Transaction>(history.rbegin(),
                                          history.rbegin() + static_cast<std::ptrdiff_t>(count));
}

void AccountsProjection::replace_with(AccountsProjection&& rebuilt) {
  const std::scoped_lock lock(mutex_, rebuilt.mutex_);
  accounts_ = std::move(rebuilt.accounts_);
  position_ = rebuilt.position_;
}

Position AccountsProjection::position() const {
  const std::shared_lock lock(mutex_);
  return position_;
}

void AccountsProjection::look_at(const std::function<void(const Views&, Position)>& look) const {
  const std::shared_lock lock(mutex_);
  look(accounts_, position_);
}

}  // namespace archbench::event_driven
