// What an account actor owns: its accounts' balances and histories, and the credits reserved
// for transfers under way. Plain C++, no CAF: the actor (account_actor.hpp) is the mailbox in
// front of it, and its single thread of control at a time is why nothing here is locked.
//
// One Book per actor: all the accounts hashed to a shard (--granularity shard:N), or exactly
// one (--granularity account).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "actor/actors/load.hpp"
#include "actor/messages.hpp"
#include "common/ledger/messages.hpp"

namespace archbench::actor {

class Book {
 public:
  explicit Book(Sequences* ids = nullptr) : ids_(ids) {}

  void open(ledger::Account account);
  [[nodiscard]] bool holds(std::string_view id) const { return accounts_.contains(id); }

  // The answers to GET /accounts/{id} and /transactions, written into `out`; false if the
  // account is not here.
  bool write_account(std::string_view id, std::string& out) const;
  bool write_transactions(std::string_view id, int limit, std::string& out) const;

  [[nodiscard]] DepositOutcome deposit(std::string_view id, ledger::Money amount);

  // The three steps of a transfer (messages.hpp), each on the accounts of this Book.
  [[nodiscard]] StepVerdict reserve_credit(const ReserveCredit& step);
  [[nodiscard]] DebitVerdict debit(const Debit& step);
  void commit_credit(const CommitCredit& step);
  void release_credit(const ReleaseCredit& step);

 private:
  struct AccountState {
    ledger::Account account;
    std::vector<ledger::Transaction> history;  // oldest first
    ledger::Money reserved_credit = 0;         // incoming transfers between steps 1 and 3
  };
  // Lets the map be searched with a string_view without building a string.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept {
      return std::hash<std::string_view>{}(key);
    }
  };
  AccountState* find(std::string_view id);
  const AccountState* find(std::string_view id) const;
  // True if `amount` more (besides what is reserved) keeps the balance within 64 bits.
  static bool has_room(const AccountState& state, ledger::Money amount) noexcept;

  Sequences* ids_;
  std::unordered_map<std::string, AccountState, Hash, std::equal_to<>> accounts_;
};

}  // namespace archbench::actor
