#include "event-driven/write/ledger_state.hpp"

#include <stdexcept>

namespace archbench::event_driven {
void LedgerState::apply(const Event& event, Position position) {
  // An event that contradicts the state (an unknown account) means the log is not one this
  // code wrote: refuse to serve from it rather than guess.
  const auto find = [this](const std::string& id) -> Account& {
    const auto it = contents_.accounts.find(id);
    if (it == contents_.accounts.end()) {
      throw std::runtime_error("event log names account " + id + " before it was opened");
    }
    return it->second;
  };
  std::visit(
      Overloaded{
          [&](const AccountOpened& e) {
            contents_.accounts.emplace(e.account, Account{.currency = e.currency, .balance = 0});
          },
          [&](const FundsDeposited& e) {
            Account& account = find(e.account);
            account.balance += e.amount;
            contents_.deposits.emplace(
                e.request_id,
                DepositRecord{.event = e, .balance_after = account.balance, .position = position});
          },
          [&](const TransferCompleted& e) {
            find(e.from).balance -= e.amount;
            find(e.to).balance += e.amount;
            contents_.transfers.emplace(e.request_id,
                                        TransferRecord{.event = e, .position = position});
          },
      },
      event);
}

auto LedgerState::account(std::string_view id) const -> const Account* {
  const auto it = contents_.accounts.find(id);
  return it == contents_.accounts.end() ? nullptr : &it->second;
}

auto LedgerState::deposit(std::string_view request_id) const -> const DepositRecord* {
  const auto it = contents_.deposits.find(request_id);
  return it == contents_.deposits.end() ? nullptr : &it->second;
}

auto LedgerState::transfer(std::string_view request_id) const -> const TransferRecord* {
  const auto it = contents_.transfers.find(request_id);
  return it == contents_.transfers.end() ? nullptr : &it->second;
}

}  // namespace archbench::event_driven
