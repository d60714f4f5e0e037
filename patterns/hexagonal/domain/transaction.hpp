// One line of an account's history: every deposit and transfer leaves one per account it
// touches, with the balance right after it, so that consecutive lines chain.
#pragma once

#include <optional>
#include <string>

#include "hexagonal/domain/money.hpp"

namespace archbench::hexagonal::domain {

enum class TransactionKind { deposit, transfer_in, transfer_out };

struct Transaction {
  std::string id;  // the deposit's or the transfer's id
  TransactionKind kind = TransactionKind::deposit;
  Money amount = 0;  // always positive; `kind` gives the direction
  Money balance_after = 0;
  std::optional<std::string> counterparty;  // the other account, for transfers
  std::optional<std::string> memo;          // the transfer's memo, if it had one
  bool operator==(const Transaction&) const = default;
};

}  // namespace archbench::hexagonal::domain
