// The shapes of the ledger's requests and responses, as plain C++ values. Every backend speaks
// in these; the JSON codec (json_codec.hpp) turns them into and out of bytes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/ledger/contract.hpp"

namespace archbench::ledger {

// POST /accounts
struct NewAccount {
  std::string owner;
  std::string currency;
  bool operator==(const NewAccount&) const = default;
};

struct Account {
  std::string id;
  std::string owner;
  std::string currency;
  Money balance = 0;
  bool operator==(const Account&) const = default;
};

// POST /accounts/{id}/deposits (the account id comes from the path)
struct DepositRequest {
  Money amount = 0;
  std::string request_id;
  bool operator==(const DepositRequest&) const = default;
};

struct Deposit {
  std::string id;
  std::string account;
  Money amount = 0;
  Money balance = 0;  // the account's balance after the deposit
  bool operator==(const Deposit&) const = default;
};

// POST /transfers, and each item of POST /transfers/batch
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
  // status is always "completed": a transfer either happens whole or not at all.
  bool operator==(const Transfer&) const = default;
};

enum class TransactionKind { deposit, transfer_in, transfer_out };

// One line of GET /accounts/{id}/transactions
struct Transaction {
  std::string id;  // the deposit's or the transfer's id
  TransactionKind kind = TransactionKind::deposit;
  Money amount = 0;  // always positive; `kind` gives the direction
  Money balance_after = 0;
  std::optional<std::string> counterparty;  // the other account, for transfers
  std::optional<std::string> memo;
  bool operator==(const Transaction&) const = default;
};

// Error (a refusal: code and message) is in contract.hpp, with the checks that make one.

// One item of a batch: either the transfer or why it was refused.
struct BatchItemResult {
  std::optional<Transfer> transfer;
  std::optional<Error> error;
};

}  // namespace archbench::ledger
