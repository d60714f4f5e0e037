#include "ddd/statements/statement.hpp"

#include <stdexcept>
#include <utility>

namespace archbench::ddd::statements {

void Statement::append(StatementLine line) {
  const Balance before = closing_balance();
  const auto expected =
      line.kind == EntryKind::transfer_out ? before.minus(line.amount) : before.plus(line.amount);
  if (expected != line.balance_after) {
    throw std::logic_error("a statement line that does not chain onto the one before");
  }
  lines_.push_back(std::move(line));
}

}  // namespace archbench::ddd::statements
