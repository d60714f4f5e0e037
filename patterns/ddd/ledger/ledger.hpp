// The Ledger bounded context's entry point: the accounts (the repository of the Account
// aggregate), the rule that a request id is served once, and the ids it mints ("acc-1",
// "dep-1", "tr-1"; only a success takes one). Every change it makes is published, once, to its
// EventSubscriber as a domain event (events.hpp).
//
// Single-threaded: the edge runs it behind one mutex (edge/ddd_service.hpp).
#pragma once

#include <cstdint>
#include <unordered_map>
#include <utility>

#include "ddd/kernel/currency.hpp"
#include "ddd/kernel/names.hpp"
#include "ddd/kernel/refusal.hpp"
#include "ddd/ledger/account.hpp"
#include "ddd/ledger/events.hpp"
#include "ddd/ledger/names.hpp"
#include "ddd/ledger/orders.hpp"

namespace archbench::ddd::ledger {

class Ledger {
 public:
  explicit Ledger(EventSubscriber& subscriber) noexcept : subscriber_(subscriber) {}

  // Opens an account; publishes AccountOpened.
  const Account& open_account(Owner owner, Currency currency);

  // nullptr when no account has this id.
  [[nodiscard]] const Account* find(const AccountId& id) const;

  // The checks after the stateless ones, in the contract's order: idempotency_conflict,
  // account_not_found, invalid_amount (2^63-1). A new deposit publishes FundsDeposited; a
  // retry of a successful one (same request id, same order) returns the first event and
  // publishes nothing. The pointer is into the Ledger's records: read it before the next call.
  [[nodiscard]] Result<const FundsDeposited*> deposit(DepositOrder order);

  // The same for a transfer: idempotency_conflict, account_not_found (from, then to), then
  // transfer_funds' checks. A new transfer publishes TransferCompleted.
  [[nodiscard]] Result<const TransferCompleted*> transfer(TransferOrder order);

 private:
  // The first answer to a request id, kept to replay it and to spot a reuse.
  struct DepositRecord {
    DepositRecord(DepositOrder&& first, FundsDeposited&& outcome) noexcept
        : order(std::move(first)), event(std::move(outcome)) {}
    DepositOrder order;
    FundsDeposited event;
  };
  struct TransferRecord {
    TransferRecord(TransferOrder&& first, TransferCompleted&& outcome) noexcept
        : order(std::move(first)), event(std::move(outcome)) {}
    TransferOrder order;
    TransferCompleted event;
  };

  Account* lookup(const AccountId& id);  // find(), for a change

  EventSubscriber& subscriber_;
  std::unordered_map<AccountId, Account, AccountId::Hash> accounts_;
  std::unordered_map<RequestId, DepositRecord, RequestId::Hash> deposits_;
  std::unordered_map<RequestId, TransferRecord, RequestId::Hash> transfers_;
  std::uint64_t next_account_ = 1;
  std::uint64_t next_deposit_ = 1;
  std::uint64_t next_transfer_ = 1;
};

}  // namespace archbench::ddd::ledger
