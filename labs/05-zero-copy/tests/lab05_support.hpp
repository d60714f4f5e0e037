// What the lab's tests share: a padded body, the allocation count of a loop, the codec's answers.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "body.hpp"
#include "common/ledger/contract.hpp"
#include "common/ledger/json_codec.hpp"
#include "counting_new.hpp"

namespace archbench::lab05::testing {

// A body followed by kBodyPadding bytes that would confuse a parser reading past the end: a
// closing quote, brackets, digits, a comma.
class Padded {
 public:
  explicit Padded(std::string_view body) : storage_(body) {
    constexpr std::string_view kJunk = "\"}]9,\\ ";
    while (storage_.size() < body.size() + kBodyPadding) storage_ += kJunk;
    size_ = body.size();
  }
  [[nodiscard]] PaddedBody body() const { return PaddedBody{{storage_.data(), size_}}; }

 private:
  std::string storage_;
  std::size_t size_ = 0;
};

inline constexpr int kWarmUp = 10;
inline constexpr int kCounted = 10'000;

// Runs `request` kWarmUp times, then counts the allocations of kCounted more: the count per
// request, as a double so a message can say "2.5 per request".
template <class Request>
double allocations_per_request(Request request) {
  for (int i = 0; i < kWarmUp; ++i) request();
  const std::uint64_t before = allocations();
  for (int i = 0; i < kCounted; ++i) request();
  return static_cast<double>(allocations() - before) / kCounted;
}

// "3.50": a count per request, for a message.
inline std::string count_text(double count) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", count);
  return text;
}

inline std::string account_json(std::string_view id, std::string_view owner,
                                std::string_view currency, ledger::Money balance) {
  std::string out;
  ledger::write_account_json(id, owner, currency, balance, out);
  return out;
}

inline std::string deposit_json(std::string_view id, std::string_view account, ledger::Money amount,
                                ledger::Money balance) {
  std::string out;
  ledger::write_deposit_json(id, account, amount, balance, out);
  return out;
}

inline std::string error_json(const ledger::Error& error) {
  std::string out;
  ledger::write_error_json(error.code, error.message, out);
  return out;
}

// The start of every 400 bad_request body (its message is the handler's own words).
inline constexpr std::string_view kBadRequestPrefix =
    R"({"error":{"code":"bad_request","message":")";

}  // namespace archbench::lab05::testing
