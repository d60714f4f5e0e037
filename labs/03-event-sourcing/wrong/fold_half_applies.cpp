// replaces: fold.cpp
// caught by: Lab03_Step1_Fold.AnEventNamingAnUnknownAccountIsAFoldError
//
// WRONG: debits the source before it has looked up the destination. A transfer to an account
// that was never opened throws, as it should, but the source has already lost the money.

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
  std::visit(
      event_driven::Overloaded{
          [&](const AccountOpened& e) {
            if (accounts_.contains(e.account)) refuse("account " + e.account + " opened twice");
            accounts_.emplace(e.account, Account{.currency = e.currency, .balance = 0});
          },
          [&](const FundsDeposited& e) {
            Account& account = existing(e.account);
            if (deposits_.contains(e.request_id)) refuse("deposit " + e.request_id + " twice");
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
            // The source first: checked, then debited.
            Account& from = existing(e.from);
            if (transfers_.contains(e.request_id)) refuse("transfer " + e.request_id + " twice");
            if (e.amount <= 0 || from.balance < e.amount || from.currency != e.currency) {
              refuse("transfer " + e.transfer + " from " + e.from);
            }
            from.balance -= e.amount;
            // Then the destination: too late to throw, the source has already paid.
            Account& to = existing(e.to);
            if (&from == &to || to.currency != e.currency || to.balance > kMaxBalance - e.amount) {
              refuse("transfer " + e.transfer + " to " + e.to);
            }
            to.balance += e.amount;
            transfers_.emplace(e.request_id, e);
          },
      },
      event);
}

}  // namespace archbench::lab03
