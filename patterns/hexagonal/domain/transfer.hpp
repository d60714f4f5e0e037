// The transfer rule: money moves between two accounts of the same currency, whole or not at
// all. The checks run in the order of docs/workload.md; the first that fails answers.
#pragma once

#include <optional>
#include <string>

#include "hexagonal/domain/account.hpp"
#include "hexagonal/domain/error.hpp"
#include "hexagonal/domain/money.hpp"
#include "hexagonal/domain/new_id.hpp"
#include "hexagonal/domain/transaction.hpp"

namespace archbench::hexagonal::domain {

struct TransferRequest {
  std::string from;
  std::string to;
  Money amount = 0;
  std::string currency;
  std::string request_id;
  std::optional<std::string> memo;
  bool operator==(const TransferRequest&) const = default;
};

struct Transfer {
  std::string id;
  std::string from;
  std::string to;
  Money amount = 0;
  std::string currency;
  bool operator==(const Transfer&) const = default;
};

// What a transfer changes: both balances and one line of history on each side.
struct TransferPosting {
  Transfer transfer;
  Money from_balance = 0;  // after the transfer
  Money to_balance = 0;
  Transaction debit;   // on `from`: transfer_out
  Transaction credit;  // on `to`: transfer_in
};

// The checks that need no stored state, in the contract's order: amount, currency, from != to.
[[nodiscard]] std::optional<Error> check_transfer(const TransferRequest& request);

// The rest of the rule, for a request check_transfer() accepted (it is not checked again),
// given both accounts as the unit of work read them (nullopt: no such account): both exist,
// both hold the currency, `from` can pay and `to` stays within 64 bits. `new_id` names the
// transfer, once the rule accepted it. (The idempotency check sits between the two halves;
// see application/ledger.cpp.)
[[nodiscard]] Outcome<TransferPosting> post_transfer(const TransferRequest& request,
                                                     const std::optional<Account>& from,
                                                     const std::optional<Account>& to,
                                                     const NewId& new_id);

}  // namespace archbench::hexagonal::domain
