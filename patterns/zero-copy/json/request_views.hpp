// The request bodies as the zero-copy parser hands them out: the same fields as the shared
// messages (common/ledger/messages.hpp), but every string is a view. A view points into the
// request's own buffer when the JSON string had no escape, or into the parser's scratch buffer
// when it had one (see request_parser.hpp); either way it lives until the parser's next parse.
#pragma once

#include <optional>
#include <string_view>

#include "common/ledger/contract.hpp"

namespace archbench::zero_copy {

// POST /accounts
struct NewAccountView {
  std::string_view owner;
  std::string_view currency;
  bool operator==(const NewAccountView&) const = default;
};

// POST /accounts/{id}/deposits
struct DepositView {
  ledger::Money amount = 0;
  std::string_view request_id;
  bool operator==(const DepositView&) const = default;
};

// POST /transfers, and each item of POST /transfers/batch
struct TransferView {
  std::string_view from;
  std::string_view to;
  ledger::Money amount = 0;
  std::string_view currency;
  std::string_view request_id;
  std::optional<std::string_view> memo;  // absent and null both mean "no memo"
  bool operator==(const TransferView&) const = default;
};

}  // namespace archbench::zero_copy
