// replaces: deposit_parser.cpp
// caught by: Lab05_Step2_Parse.AnIntegerPast64BitsIsReadAsTheNearestOne
//
// WRONG: reads the amount with simdjson's get_int64(), which refuses an integer past 64 bits.
// The codec reads one (saturated), so the contract answers it 422 invalid_amount; this parser
// makes it a 400 bad_request, and a client sees a different error for the same bytes.

#include <simdjson.h>

#include <cstdint>
#include <utility>

#include "common/ledger/contract.hpp"
#include "deposit_parser.hpp"

namespace archbench::lab05 {

static_assert(kBodyPadding >= simdjson::SIMDJSON_PADDING, "simdjson reads this far past a body");

namespace ondemand = simdjson::ondemand;

struct DepositParser::State {
  ondemand::parser parser;  // its buffers grow to the largest body seen, then stay
};

DepositParser::DepositParser() : state_(std::make_unique<State>()) {}
DepositParser::~DepositParser() = default;

namespace {

ParsedDeposit refuse(std::string_view why) {
  return ParsedDeposit{.ok = false, .fields = {}, .error = why};
}

}  // namespace

ParsedDeposit DepositParser::parse(PaddedBody body) {
  const simdjson::padded_string_view input(body.bytes.data(), body.bytes.size(),
                                           body.bytes.size() + kBodyPadding);
  ondemand::document document;
  if (state_->parser.iterate(input).get(document) != simdjson::SUCCESS) {
    return refuse("the body is not valid JSON");
  }
  ondemand::object object;
  if (document.get_object().get(object) != simdjson::SUCCESS) {
    return refuse("the body must be a JSON object");
  }
  DepositFields fields;
  bool has_amount = false;
  bool has_request_id = false;
  // One pass over every field, in the body's order: a duplicate is only seen by looking at all
  // of them (find_field would stop at the first, and depends on the order).
  for (auto result : object) {
    ondemand::field field;
    std::string_view key;
    if (std::move(result).get(field) != simdjson::SUCCESS || field.unescaped_key().get(key)) {
      return refuse("the body is not valid JSON");
    }
    if (key == "amount") {
      if (has_amount) return refuse("amount appears twice");
      // The token itself, read as the codec reads it: simdjson's get_int64 refuses an integer
      // past 64 bits, which the codec reads (saturated) and the range check then refuses.
      ondemand::value value = field.value();
      std::int64_t amount = 0;
      if (value.get_int64().get(amount) != simdjson::SUCCESS) {
        return refuse("amount must be an integer");
      }
      fields.amount = amount;
      has_amount = true;
    } else if (key == "request_id") {
      if (has_request_id) return refuse("request_id appears twice");
      // get_string decodes the escapes (into the parser's buffer: no allocation).
      if (field.value().get_string().get(fields.request_id) != simdjson::SUCCESS) {
        return refuse("request_id must be a string");
      }
      has_request_id = true;
    }
    // Any other key: its value is left alone, and the loop's next step skips it.
  }
  // Nothing may follow the object but whitespace: once every token has been read,
  // current_location() is out of bounds (simdjson 3.0 has no document::at_end()).
  if (document.current_location().error() != simdjson::OUT_OF_BOUNDS) {
    return refuse("the body is not valid JSON");
  }
  if (!has_amount) return refuse("amount is missing");
  if (!has_request_id) return refuse("request_id is missing");
  if (fields.request_id.empty() || fields.request_id.size() > ledger::kMaxRequestIdBytes) {
    return refuse("request_id must be 1 to 128 bytes");
  }
  return ParsedDeposit{.ok = true, .fields = fields, .error = {}};
}

}  // namespace archbench::lab05
