// replaces: deposit_parser.cpp
// caught by: Lab05_Step2_Parse.EscapesAreDecoded
// caught by: Lab05_Step2_Parse.RequestIdLengthCountsDecodedBytes
//
// WRONG: hands out the request_id's raw bytes between the quotes, to save get_string()'s
// copy into the parser's buffer. Zero-copy, and right for most ids; but `"t\"1"` is the
// request_id t"1, not t\"1, and its length is counted in JSON bytes, not decoded ones.

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
      Money amount = 0;
      if (!read_integer(value.raw_json_token(), amount)) return refuse("amount must be an integer");
      fields.amount = amount;
      has_amount = true;
    } else if (key == "request_id") {
      if (has_request_id) return refuse("request_id appears twice");
      // get_string decodes the escapes (into the parser's buffer: no allocation).
      std::string_view token = field.value().raw_json_token();
      while (!token.empty() && token.back() != '"') token.remove_suffix(1);  // trailing spaces
      if (token.size() < 2 || token.front() != '"') return refuse("request_id must be a string");
      fields.request_id = token.substr(1, token.size() - 2);
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
