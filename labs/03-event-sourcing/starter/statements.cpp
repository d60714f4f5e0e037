// Lab 03, your code, part 3 of 3: the statements projection (step 3).
//
// statement.hpp specifies it: records in order, redeliveries ignored, gaps refused, and readers
// that can wait (boundedly) for the position of their own write.
#include "statement.hpp"

namespace archbench::lab03 {

void Statements::apply(const EventBatch& events, Position position) {
  // TODO(student): Step 3.
  static_cast<void>(events);
  static_cast<void>(position);
}

std::optional<Statement> Statements::statement(const std::string& account) const {
  // TODO(student): Step 3. Replace this placeholder.
  static_cast<void>(account);
  return std::nullopt;
}

Position Statements::position() const {
  // TODO(student): Step 3. Replace this placeholder.
  return 0;
}

bool Statements::wait_until(Position position, std::chrono::milliseconds timeout) const {
  // TODO(student): Step 3. Replace this placeholder.
  static_cast<void>(position);
  static_cast<void>(timeout);
  return false;
}

}  // namespace archbench::lab03
