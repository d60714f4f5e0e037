// Lab 03, the reference: step 3, the statements projection.
#include <string>

#include "statement.hpp"

namespace archbench::lab03 {

void Statements::apply(const EventBatch& events, Position position) {
  {
    const std::lock_guard lock(mutex_);
    if (position <= position_) return;  // delivered again: already in
    if (position != position_ + 1) {
      throw GapError("record " + std::to_string(position) + " arrived after " +
                     std::to_string(position_) + ": the records between were lost");
    }
    for (const Event& event : events) {
      std::visit(event_driven::Overloaded{
                     [&](const AccountOpened& e) { accounts_.try_emplace(e.account); },
                     [&](const FundsDeposited& e) {
                       Statement& s = accounts_[e.account].statement;
                       s.money_in += e.amount;
                       ++s.deposits;
                     },
                     [&](const TransferCompleted& e) {
                       Account& from = accounts_[e.from];
                       Account& to = accounts_[e.to];
                       from.statement.money_out += e.amount;
                       ++from.statement.transfers_out;
                       to.statement.money_in += e.amount;
                       ++to.statement.transfers_in;
                       from.counterparties.insert(e.to);
                       to.counterparties.insert(e.from);
                       from.statement.counterparties = from.counterparties.size();
                       to.statement.counterparties = to.counterparties.size();
                     },
                 },
                 event);
    }
    position_ = position;
  }
  advanced_.notify_all();
}

std::optional<Statement> Statements::statement(const std::string& account) const {
  const std::lock_guard lock(mutex_);
  const auto it = accounts_.find(account);
  if (it == accounts_.end()) return std::nullopt;
  return it->second.statement;
}

Position Statements::position() const {
  const std::lock_guard lock(mutex_);
  return position_;
}

bool Statements::wait_until(Position position, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return advanced_.wait_for(lock, timeout, [&] { return position_ >= position; });
}

}  // namespace archbench::lab03
