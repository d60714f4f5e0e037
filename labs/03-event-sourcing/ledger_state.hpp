// Lab 03, the specification of steps 1 and 2: the command side of an event-sourced ledger.
//
// The events are the event-driven pattern's own (patterns/event-driven/events/event.hpp):
// AccountOpened, FundsDeposited, TransferCompleted, facts in the past tense. The log holds
// nothing else; LedgerState is what the command side knows, and it is a fold over them:
// apply() is the only way it ever changes, so replaying the log rebuilds it exactly.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

#include "event-driven/events/event.hpp"

namespace archbench::lab03 {

using event_driven::AccountOpened;
using event_driven::Event;
using event_driven::FundsDeposited;
using event_driven::Money;
using event_driven::TransferCompleted;

// An event that cannot have been written by this code: the log is damaged or foreign. Replaying
// must stop here, loudly, rather than guess with money.
struct FoldError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class LedgerState {
 public:
  struct Account {
    std::string currency;
    Money balance = 0;
  };
  // A deposit's first answer: a retry of its request_id gets exactly this back.
  struct DepositAnswer {
    std::string deposit;  // "dep-3"
    std::string account;
    Money amount = 0;
    Money balance_after = 0;  // the account's balance right after this deposit
  };

  // Step 1: the fold. `event` happened. The rules:
  //  1. AccountOpened adds the account with balance 0.
  //  2. FundsDeposited adds its amount to the account; TransferCompleted moves its amount from
  //     `from` to `to`.
  //  3. Every FundsDeposited and TransferCompleted is remembered by its request_id with the
  //     answer its first request got (a deposit: DepositAnswer; a transfer: the event itself).
  //  4. These are FoldErrors, because this code never writes them: an account opened twice; an
  //     event naming an account that was never opened; a transfer whose currency is not both
  //     accounts'; a transfer that would leave `from` below zero; a request_id seen before (of
  //     the same kind); a balance past 2^63-1.
  //  5. A FoldError leaves the state exactly as it was before the call.
  void apply(const Event& event);

  // Given: lookups and counters (nullptr when unknown).
  [[nodiscard]] const Account* account(std::string_view id) const {
    const auto it = accounts_.find(id);
    return it == accounts_.end() ? nullptr : &it->second;
  }
  [[nodiscard]] const DepositAnswer* deposit(std::string_view request_id) const {
    const auto it = deposits_.find(request_id);
    return it == deposits_.end() ? nullptr : &it->second;
  }
  [[nodiscard]] const TransferCompleted* transfer(std::string_view request_id) const {
    const auto it = transfers_.find(request_id);
    return it == transfers_.end() ? nullptr : &it->second;
  }
  [[nodiscard]] std::uint64_t accounts_opened() const { return accounts_.size(); }
  [[nodiscard]] std::uint64_t deposits_made() const { return deposits_.size(); }
  [[nodiscard]] std::uint64_t transfers_made() const { return transfers_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept {
      return std::hash<std::string_view>{}(key);
    }
  };
  template <class V>
  using Map = std::unordered_map<std::string, V, Hash, std::equal_to<>>;

  Map<Account> accounts_;
  Map<DepositAnswer> deposits_;       // by request_id
  Map<TransferCompleted> transfers_;  // by request_id
};

}  // namespace archbench::lab03
