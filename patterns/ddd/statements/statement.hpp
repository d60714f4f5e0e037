// Statement: the Statements context's aggregate, the history of one account as its customer
// reads it. Its words differ from the Ledger's: no orders, transfers or request ids here, but
// lines, each an entry of one kind (deposit, transfer in, transfer out) with the balance after.
//
// Its invariant: the lines chain. Each line's balance_after is the one before plus (deposit,
// transfer in) or minus (transfer out) its amount, starting from zero. A line that does not
// chain is refused with std::logic_error: only a wrong translation can produce one, never a
// customer's request, so it is a bug to stop at, not a refusal to answer.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "ddd/kernel/amount.hpp"
#include "ddd/kernel/balance.hpp"
#include "ddd/kernel/names.hpp"

namespace archbench::ddd::statements {

enum class EntryKind { deposit, transfer_in, transfer_out };

// What made a line, as the customer sees it: the deposit's or the transfer's id.
using Reference = StrongString<struct ReferenceTag>;

struct StatementLine {
  Reference reference;
  EntryKind kind = EntryKind::deposit;
  Amount amount;  // always positive: `kind` gives the direction
  Balance balance_after;
  std::optional<AccountId> counterparty;  // transfers only
  std::optional<Memo> memo;               // transfers with a memo only
};

class Statement {
 public:
  // Appends `line`, which must chain onto the last one (see above).
  void append(StatementLine line);

  // Oldest first.
  [[nodiscard]] const std::vector<StatementLine>& lines() const noexcept { return lines_; }
  // The balance after the newest line: zero for a new statement.
  [[nodiscard]] Balance closing_balance() const noexcept {
    return lines_.empty() ? Balance::zero() : lines_.back().balance_after;
  }

 private:
  std::vector<StatementLine> lines_;
};

}  // namespace archbench::ddd::statements
