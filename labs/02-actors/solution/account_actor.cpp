// Lab 02, the reference: steps 1 and 3, the account actor.
#include "account_actor.hpp"

#include <caf/all.hpp>
#include <limits>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace archbench::lab02 {
namespace {

constexpr Money kMaxBalance = std::numeric_limits<Money>::max();

// The actor's state: only its handlers touch it, one message at a time.
struct Account {
  AccountView view;
  TransferIds* ids = nullptr;
  // Step 3: what each step answered, by transfer key, so that a redelivery answers the same
  // and changes nothing. Refusals are remembered too: a refused debit that a redelivery
  // applied would take money the coordinator has already given up on.
  std::unordered_map<std::string, Verdict> reserves;
  std::unordered_map<std::string, DebitVerdict> debits;
  std::unordered_set<std::string> commits;
  std::unordered_set<std::string> releases;

  Verdict reserve(const Reserve& step) {
    if (step.currency != view.currency) {
      return {Refusal{Check::to_currency,
                      ledger::refusals::currency_mismatch(view.id, view.currency, step.currency)}};
    }
    // Room for this credit besides those already reserved: never past 2^63-1, whichever
    // commits first. (Written so that nothing overflows on the way.)
    const Money headroom = kMaxBalance - view.balance;
    if (view.reserved > headroom || step.amount > headroom - view.reserved) {
      return {Refusal{Check::to_room, ledger::refusals::balance_overflow(view.id)}};
    }
    view.reserved += step.amount;
    return {};
  }

  DebitVerdict debit(const Debit& step) {
    if (step.currency != view.currency) {
      return {Refusal{Check::from_currency,
                      ledger::refusals::currency_mismatch(view.id, view.currency, step.currency)},
              {}};
    }
    if (view.balance < step.amount) {
      return {Refusal{Check::funds,
                      ledger::refusals::insufficient_funds(view.id, view.balance, step.amount)},
              {}};
    }
    if (!step.apply) return {};
    view.balance -= step.amount;
    std::string id = ids->take();
    view.history.push_back({id, -step.amount, step.to, view.balance});
    return {std::nullopt, std::move(id)};
  }

  void commit(const Commit& step) {
    view.reserved -= step.amount;
    view.balance += step.amount;
    view.history.push_back({step.transfer_id, step.amount, step.from, view.balance});
  }

  void release(const Release& step) { view.reserved -= step.amount; }
};

}  // namespace

caf::behavior account_actor(caf::event_based_actor* /*self*/, Opening opening, TransferIds* ids) {
  auto account = std::make_shared<Account>();
  account->view = AccountView{.id = std::move(opening.id),
                              .currency = std::move(opening.currency),
                              .balance = opening.balance,
                              .reserved = 0,
                              .history = {}};
  account->ids = ids;
  return {
      [account](const Reserve& step) {
        const auto [seen, first] = account->reserves.try_emplace(step.transfer);
        if (first) seen->second = account->reserve(step);
        return seen->second;
      },
      [account](const Debit& step) {
        if (!step.apply) return account->debit(step);
        const auto [seen, first] = account->debits.try_emplace(step.transfer);
        if (first) seen->second = account->debit(step);
        return seen->second;
      },
      [account](const Commit& step) {
        if (account->commits.insert(step.transfer).second) account->commit(step);
        return Committed{};
      },
      [account](const Release& step) {
        if (account->releases.insert(step.transfer).second) account->release(step);
        return Released{};
      },
      [account](ReadAccount) { return account->view; },
  };
}

}  // namespace archbench::lab02
