#include "event-driven/write/ledger_state.hpp"

#include <stdexcept>

namespace archbench::event_driven {
void LedgerState::apply(const Event& event, Position position) {
  // An event that contradicts the state (an unknown account) means the log is not one this
  // code wrote: refuse to serve from it rather than guess.
  const auto find = [this](const std::string& id) -> Account& {
    const auto it = accounts_.find(id);
    if (it == accounts_.end()) {
      throw std::runtime_error("event log names account " + id + " before it was opened");
    }
    return it->second;
  };
  std::visit(
      Overloaded{
          [&](const AccountOpened& e) {
            accounts_.emplace(e.account, Account{.currency = e.currency, .balance = 0});
          },
          [&](const FundsDeposited& e) {
            Account& account = find(e.account);
            account.balance += e.amount;
            deposits_.emplace(
                e.request_id,
                DepositRecord{.event = e, .balance_after = account.balance, .position = position});
          },
          [&](const TransferCompleted& e) {
            find(e.from).balance -= e.amount;
            find(e.to).balance += e.amount;
            transfers_.emplace(e.request_id, TransferRecord{.event = e, .position = position});
          },
      },
      event);
}

auto LedgerState::account(std::string_view id) const -> const Account* {
  const auto it = accounts_.find(id);
  return it == accounts_.end() ? nullptr : &it->second;
}

auto LedgerState::deposit(std::string_view request_id) const -> const DepositRecord* {
  const auto it = deposits_.find(request_id);
  return it == deposits_.end() ? nullptr : &it->second;
}

auto LedgerState::transfer(std::string_view request_id) const -> const TransferRecord* {
  const auto it = transfers_.find(request_id);
  return it == transfers_.end() ? nullptr : &it->second;
}

}  // namespace archbench::event_driven
