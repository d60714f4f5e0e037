// Lab 02, your code, part 1 of 2: the account actor (steps 1 and 3).
//
// account_actor.hpp specifies it: what each step checks, changes and answers (step 1), and
// what a step that arrives twice must do (step 3). The account's state is yours to shape: it
// lives in the actor and nowhere else.
#include "account_actor.hpp"

#include <caf/all.hpp>
#include <memory>
#include <utility>

namespace archbench::lab02 {
namespace {

// The actor's state: only its handlers touch it, one message at a time.
struct Account {
  AccountView view;
  TransferIds* ids = nullptr;
};

// The answer of a step that is not written yet.
Refusal not_written() {
  return {Check::from_exists, {ledger::ErrorCode::internal_error, "not written yet"}};
}

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
        // TODO(student): Step 1 (then step 3). Replace this placeholder.
        static_cast<void>(step);
        return Verdict{not_written()};
      },
      [account](const Debit& step) {
        // TODO(student): Step 1 (then step 3). Replace this placeholder.
        static_cast<void>(step);
        return DebitVerdict{not_written(), {}};
      },
      [account](const Commit& step) {
        // TODO(student): Step 1 (then step 3). Replace this placeholder.
        static_cast<void>(step);
        return Committed{};
      },
      [account](const Release& step) {
        // TODO(student): Step 1 (then step 3). Replace this placeholder.
        static_cast<void>(step);
        return Released{};
      },
      [account](ReadAccount) { return account->view; },
  };
}

}  // namespace archbench::lab02
