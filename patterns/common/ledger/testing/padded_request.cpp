// A PaddedRequest described for error messages.
#include "common/ledger/testing/padded_request.hpp"

namespace archbench::ledger::testing {

std::string PaddedRequest::describe(std::size_t limit) const {
  std::string text(method_);
  text.append(" ").append(target_);
  if (body_size_ > 0) text.append(" ").append(buffer_, 0, body_size_);
  if (text.size() > limit) {
    text.resize(limit);
    text.append("...");
  }
  return text;
}

}  // namespace archbench::ledger::testing
