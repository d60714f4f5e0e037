// Lab 05, your code, part 2 of 2: the deposit's body (step 2).
//
// It works: the shared codec reads the body into a DOM (nlohmann::json) and copies the
// request_id out of it. Every call allocates the copy of the body, the DOM's nodes and strings,
// and the request_id. Make it read the body where it lies (deposit_parser.hpp says what the
// body may be); the allocation test tells you how far you are.
#include "deposit_parser.hpp"

#include <string>
#include <variant>

#include "common/ledger/json_codec.hpp"

namespace archbench::lab05 {

struct DepositParser::State {
  // TODO(student): Step 2. What should a parser keep from one body to the next?
  std::string request_id;  // the last body's, so that parse() can hand out a view
};

DepositParser::DepositParser() : state_(std::make_unique<State>()) {}
DepositParser::~DepositParser() = default;

ParsedDeposit DepositParser::parse(PaddedBody body) {
  // TODO(student): Step 2. Parse in place: no copy of the body, no DOM, no string per call.
  auto parsed = ledger::parse_deposit_request(std::string(body.bytes));
  if (const auto* error = std::get_if<ledger::Error>(&parsed)) {
    static_cast<void>(error);  // its message is a std::string: ParsedDeposit can't keep it
    return ParsedDeposit{.ok = false, .fields = {}, .error = "the body is not a valid deposit"};
  }
  auto& request = std::get<ledger::DepositRequest>(parsed);
  state_->request_id = std::move(request.request_id);
  return ParsedDeposit{.ok = true, .fields = {request.amount, state_->request_id}, .error = {}};
}

}  // namespace archbench::lab05
