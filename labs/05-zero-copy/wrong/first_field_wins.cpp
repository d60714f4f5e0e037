// replaces: deposit_parser.cpp
// caught by: Lab05_Step2_Parse.RefusesMissingWrongAndRepeatedFields
//
// WRONG: looks the two fields up with find_field_unordered(), the shortest way to read an
// object with simdjson. It finds the first "amount" and never sees a second one, so
// {"amount":1,"amount":2,...} is accepted; the codec refuses a repeated key (and nlohmann
// would have kept the last one: two backends, two different deposits for the same bytes).

#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <limits>
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

// A JSON integer (`-?(0|[1-9][0-9]*)`, no fraction, no exponent) into `out`, saturated at the
// 64-bit limits; false for anything else. `token` may end in whitespace (simdjson's raw token).
bool read_integer(std::string_view token, Money& out) {
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\n' ||
                            token.back() == '\r')) {
    token.remove_suffix(1);
  }
  const bool negative = token.starts_with('-');
  if (negative) token.remove_prefix(1);
  if (token.empty() || (token.size() > 1 && token.front() == '0')) return false;
  // The magnitude, stopped just past the largest one a Money holds (2^63 for a negative).
  constexpr std::uint64_t kLimit = std::uint64_t{1} << 63U;
  std::uint64_t magnitude = 0;
  for (const char c : token) {
    if (c < '0' || c > '9') return false;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (magnitude > kLimit / 10) {
      magnitude = kLimit + 1;  // saturated: the rest are only checked to be digits
    } else {
      magnitude = std::min(magnitude * 10 + digit, kLimit + 1);
    }
  }
  if (negative) {
    out = magnitude >= kLimit ? std::numeric_limits<Money>::min() : -static_cast<Money>(magnitude);
  } else {
    out = magnitude >= kLimit ? std::numeric_limits<Money>::max() : static_cast<Money>(magnitude);
  }
  return true;
}

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
  ondemand::value amount_value;
  if (object.find_field_unordered("amount").get(amount_value) != simdjson::SUCCESS) {
    return refuse("amount is missing");
  }
  if (!read_integer(amount_value.raw_json_token(), fields.amount)) {
    return refuse("amount must be an integer");
  }
  if (object.find_field_unordered("request_id").get_string().get(fields.request_id) !=
      simdjson::SUCCESS) {
    return refuse("request_id is missing or not a string");
  }
  if (object.reset().error() != simdjson::SUCCESS) return refuse("the body is not valid JSON");
  for (auto result : object) {  // to the object's end, so that the trailing check can run
    ondemand::field field;
    if (std::move(result).get(field) != simdjson::SUCCESS) return refuse("invalid JSON");
  }
  if (document.current_location().error() != simdjson::OUT_OF_BOUNDS) {
    return refuse("the body is not valid JSON");
  }
  if (fields.request_id.empty() || fields.request_id.size() > ledger::kMaxRequestIdBytes) {
    return refuse("request_id must be 1 to 128 bytes");
  }
  return ParsedDeposit{.ok = true, .fields = fields, .error = {}};
}

}  // namespace archbench::lab05
