// What an account actor owns: its accounts' balances and histories, and the credits reserved
// for transfers under way. Plain C++, no CAF: the actor (account_actor.hpp) is the mailbox in
// front of it, and its single thread of control at a time is why nothing here is locked.
//
// One Book per actor: all the accounts hashed to a shard (--granularity shard:N), or exactly
// one (--granularity account).
//
// Every change is an Event: decided here, appended to the Journal, then applied (apply()),
// before the caller answers anyone. A restarted actor applies its journal's events to an
// empty Book and is where its predecessor was. The deposit and the three steps of a transfer
// are idempotent by request_id: asked again (a coordinator or registry retrying a step that
// hit a crashed actor), a step already applied answers what it answered the first time and
// changes nothing.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "actor/actors/journal.hpp"
#include "actor/actors/load.hpp"
#include "actor/messages.hpp"
#include "common/ledger/messages.hpp"

namespace archbench::actor {

class Book {
 public:
  // `journal` null: changes are applied unrecorded (the Book's own tests).
  explicit Book(Sequences* ids = nullptr, Journal* journal = nullptr)
      : ids_(ids), journal_(journal) {}

  void open(ledger::Account account);
  [[nodiscard]] bool holds(std::string_view id) const { return accounts_.contains(id); }

  // The answers to GET /accounts/{id} and /transactions, written into `out`; false if the
  // account is not here.
  bool write_account(std::string_view id, std::string& out) const;
  bool write_transactions(std::string_view id, int limit, std::string& out) const;

  [[nodiscard]] DepositOutcome deposit(const ApplyDeposit& step);

  // The three steps of a transfer (messages.hpp), each on the accounts of this Book.
  [[nodiscard]] StepVerdict reserve_credit(const ReserveCredit& step);
  [[nodiscard]] DebitVerdict debit(const Debit& step);
  void commit_credit(const CommitCredit& step);
  void release_credit(const ReleaseCredit& step);

  // One recorded change, applied: what every change above ends with, and what a restart
  // replays from the journal.
  void apply(const Event& event);

 private:
  struct AccountState {
    ledger::Account account;
    std::vector<ledger::Transaction> history;  // oldest first
    ledger::Money reserved_credit = 0;         // incoming transfers between steps 1 and 3
  };
  // Lets the maps be searched with a string_view without building a string.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept {
      return std::hash<std::string_view>{}(key);
    }
  };
  template <class Value>
  using Map = std::unordered_map<std::string, Value, Hash, std::equal_to<>>;

  AccountState* find(std::string_view id);
  const AccountState* find(std::string_view id) const;
  // True if `amount` more (besides what is reserved) keeps the balance within 64 bits.
  static bool has_room(const AccountState& state, ledger::Money amount) noexcept;
  void record(Event event);  // journal, then apply

  Sequences* ids_;
  Journal* journal_;
  Map<AccountState> accounts_;
  // What makes the steps idempotent, by request_id.
  Map<ledger::Deposit> deposits_;            // deposits applied
  Map<ledger::Money> reservations_;          // step 1 applied, step 3 or its release not yet
  Map<std::string> debits_;                  // step 2 applied: the transfer's id
  std::unordered_set<std::string> credits_;  // step 3 applied
};

}  // namespace archbench::actor
