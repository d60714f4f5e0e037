// The Ledger's published language: the domain events it raises, and the one interface through
// which another context hears them. This file is all that the Statements context may include
// from the Ledger (tests/context_map_test.cpp checks it): the Ledger's aggregates, orders and
// records stay its own.
//
// An event says what happened, in the past tense, with everything a listener needs to know:
// the balances after the change travel with it, so a listener never asks the Ledger back.
#pragma once

#include <optional>

#include "ddd/kernel/amount.hpp"
#include "ddd/kernel/balance.hpp"
#include "ddd/kernel/currency.hpp"
#include "ddd/kernel/money.hpp"
#include "ddd/kernel/names.hpp"

namespace archbench::ddd::ledger {

struct AccountOpened {
  AccountId account;
  Currency currency;
};

struct FundsDeposited {
  DepositId deposit;
  AccountId account;
  Amount amount;
  Balance balance_after;
};

struct TransferCompleted {
  TransferId transfer;
  AccountId from;
  AccountId to;
  Money money;
  std::optional<Memo> memo;
  Balance from_balance_after;
  Balance to_balance_after;
};

// Hears every event once, in the order the Ledger applied them, synchronously: the Ledger
// publishes before its operation returns. A subscriber must not call the Ledger back.
class EventSubscriber {
 public:
  virtual void on(const AccountOpened& event) = 0;
  virtual void on(const FundsDeposited& event) = 0;
  virtual void on(const TransferCompleted& event) = 0;

 protected:
  EventSubscriber() = default;
  EventSubscriber(const EventSubscriber&) = default;
  EventSubscriber& operator=(const EventSubscriber&) = default;
  ~EventSubscriber() = default;
};

}  // namespace archbench::ddd::ledger
