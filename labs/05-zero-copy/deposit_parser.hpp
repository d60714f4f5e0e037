// Lab 05, step 2, the specification: read a deposit's body in place.
//
// A deposit's body is `{"amount": 5000, "request_id": "dep-7f3a"}` (docs/workload.md). parse()
// accepts exactly what the shared codec's parse_deposit_request
// (patterns/common/ledger/json_codec.hpp) accepts, and reads the same values from it:
//
//   1. The body is one JSON value, valid JSON throughout, with nothing after it but whitespace;
//      that value is an object.
//   2. It has a key "amount" whose value is a JSON integer: a number with no fraction and no
//      exponent (5000.0 and 5e3 are refused). An integer past 64 bits is still an integer, read
//      as the nearest 64-bit one (INT64_MAX, or INT64_MIN if negative), so that the handler's
//      range check refuses it as an amount (422), not as a body (400); how you read one of more
//      than 300 digits is left open. The range ([1, 10^12]) is not the parser's business.
//   3. It has a key "request_id" whose value is a JSON string of 1 to 128 bytes once its escapes
//      are decoded (`"t\"1"` is the 3 bytes t"1; `"\u00e9"` is the 2 bytes of é in UTF-8).
//   4. Neither key appears twice. Keys compare after decoding their escapes too.
//   5. Any other key is ignored, and its value with it. (The codec also refuses malformed JSON
//      and repeated keys inside those values; the tests send other keys only once, with
//      well-formed values that repeat no key, so this is left open: README's extensions.)
//
// Anything else is refused with a short reason (for the 400's message). The tests compare every
// verdict and value with the codec's, on fixed and random bodies.
//
// The point of the step: after the first few calls, parse() allocates nothing. The request_id
// it hands back is a view, into the body or into memory the parser keeps from call to call.
#pragma once

#include <memory>
#include <string_view>

#include "accounts.hpp"
#include "body.hpp"

namespace archbench::lab05 {

struct DepositFields {
  Money amount = 0;
  std::string_view request_id;  // valid until the next parse() on the same parser
};

// Either `ok` and the fields, or not `ok` and why (a string literal, say: it must outlive the
// call, and building it must not allocate).
struct ParsedDeposit {
  bool ok = false;
  DepositFields fields;
  std::string_view error;
};

class DepositParser {
 public:
  DepositParser();
  ~DepositParser();
  DepositParser(const DepositParser&) = delete;
  DepositParser& operator=(const DepositParser&) = delete;

  // Reads `body` by the rules above. Allocates nothing once it has seen a body of this size.
  [[nodiscard]] ParsedDeposit parse(PaddedBody body);

 private:
  struct State;  // yours: whatever the parser keeps from one call to the next (deposit_parser.cpp)
  std::unique_ptr<State> state_;
};

}  // namespace archbench::lab05
