// The facts of the ledger, in the past tense. The event log holds nothing else: every account,
// balance, history line and idempotency record a backend serves is a fold over these.
//
// Events record what happened, not what it led to: a transfer names its accounts and amount,
// never the balances after it, so a fold can only be right by applying the rules the same way
// every time. The request_id (and, for a transfer, the whole request) is in the event because
// idempotency must survive a restart: a retry after a crash gets the first answer, and that
// answer is rebuilt from the log like everything else.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/ledger/contract.hpp"

namespace archbench::event_driven {

using ledger::Money;

struct AccountOpened {
  std::string account;  // the id the server minted: "acc-7"
  std::string owner;
  std::string currency;
  bool operator==(const AccountOpened&) const = default;
};

struct FundsDeposited {
  std::string deposit;  // "dep-3"
  std::string account;
  Money amount = 0;
  std::string request_id;
  bool operator==(const FundsDeposited&) const = default;
};

struct TransferCompleted {
  std::string transfer;  // "tr-12"
  std::string from;
  std::string to;
  Money amount = 0;
  std::string currency;
  std::string request_id;
  std::optional<std::string> memo;
  bool operator==(const TransferCompleted&) const = default;
};

using Event = std::variant<AccountOpened, FundsDeposited, TransferCompleted>;

// std::visit(Overloaded{[](const AccountOpened&) {...}, ...}, event): one lambda per event
// type, so a fold that forgets a type does not compile.
template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};

// What one command appends as one record of the log: usually one event; a batch of transfers
// is one record with one event per accepted item, so it becomes durable in one step.
using EventBatch = std::vector<Event>;

}  // namespace archbench::event_driven
