// replaces: fold.cpp
// caught by: Lab03_Step1_Fold.AnEventThatOverdrawsIsAFoldErrorAndChangesNothing
//
// WRONG: trusts the log's transfers to be funded. The command side only appends funded ones,
// so this passes every test that replays a log this code wrote; a damaged or foreign log
// replays into negative balances without a word.

#include <limits>

#include "ledger_state.hpp"

namespace archbench::lab03 {
namespace {

constexpr Money kMaxBalance = std::numeric_limits<Money>::max();

[[noreturn]] void refuse(const std::string& why) {
  throw FoldError("the log cannot hold this: " + why);
}

}  // namespace

void LedgerState::apply(const Event& event) {
  const auto existing = [this](const std::string& id) -> Account& {
    const auto it = accounts_.find(id);
    if (it == accounts_.end()) refuse("account " + id + " was never opened");
    return it->second;
  };
  std::visit(event_driven::Overloaded{
                 [&](const AccountOpened& e) {
                   if (accounts_.contains(e.account))
                     refuse("account " + e.account + " opened twice");
                   accounts_.emplace(e.account, Account{.currency = e.currency, .balance = 0});
                 },
                 [&](const FundsDeposited& e) {
                   Account& account = existing(e.account);
                   if (deposits_.contains(e.request_id))
                     refuse("deposit " + e.request_id + " twice");
                   if (e.amount <= 0 || account.balance > kMaxBalance - e.amount) {
                     refuse("deposit " + e.deposit + " of " + std::to_string(e.amount));
                   }
                   account.balance += e.amount;
                   deposits_.emplace(e.request_id, DepositAnswer{.deposit = e.deposit,
                                                                 .account = e.account,
                                                                 .amount = e.amount,
                                                                 .balance_after = account.balance});
                 },
                 [&](const TransferCompleted& e) {
                   Account& from = existing(e.from);
                   Account& to = existing(e.to);
                   if (transfers_.contains(e.request_id))
                     refuse("transfer " + e.request_id + " twice");
                   if (&from == &to || from.currency != e.currency || to.currency != e.currency) {
                     refuse("transfer " + e.transfer + " between these accounts");
                   }
                   if (e.amount <= 0 || to.balance > kMaxBalance - e.amount) {
                     refuse("transfer " + e.transfer + " of " + std::to_string(e.amount));
                   }
                   from.balance -= e.amount;
                   to.balance += e.amount;
                   transfers_.emplace(e.request_id, e);
                 },
             },
             event);
}

}  // namespace archbench::lab03
