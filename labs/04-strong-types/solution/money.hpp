// Lab 04 (solution): the wallet's values as types of their own. Each is built only through a
// factory that checks the rule, converts to nothing without being asked, and allows only the
// arithmetic the domain allows.
#pragma once

#include <array>
#include <concepts>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "refusal.hpp"

namespace archbench::lab04 {

// The refusals' messages, built out of line (money.cpp): the checks inline into the caller, and
// only the unhappy path pays for a std::string.
[[nodiscard]] Refusal invalid_amount(std::int64_t minor_units);
[[nodiscard]] Refusal invalid_currency(std::string_view code);

// How much one operation moves: 1 to 10^12 minor units.
class Amount {
 public:
  static constexpr std::int64_t kMin = 1;
  static constexpr std::int64_t kMax = 1'000'000'000'000;

  [[nodiscard]] static Result<Amount> from_minor_units(std::int64_t minor_units) {
    if (minor_units < kMin || minor_units > kMax) return invalid_amount(minor_units);
    return Amount(minor_units);
  }
  template <std::floating_point F>
  static Result<Amount> from_minor_units(F) = delete;  // never rounded: refused

  [[nodiscard]] constexpr std::int64_t minor_units() const noexcept { return minor_units_; }
  friend constexpr bool operator==(Amount, Amount) noexcept = default;

 private:
  constexpr explicit Amount(std::int64_t minor_units) noexcept : minor_units_(minor_units) {}
  std::int64_t minor_units_;
};

// Three uppercase ASCII letters, in three bytes.
class Currency {
 public:
  [[nodiscard]] static Result<Currency> from_code(std::string_view code) {
    if (code.size() != 3) return invalid_currency(code);
    for (const char c : code) {
      if (c < 'A' || c > 'Z') return invalid_currency(code);
    }
    return Currency(code);
  }
  [[nodiscard]] constexpr std::string_view code() const noexcept {
    return {letters_.data(), letters_.size()};
  }
  friend constexpr bool operator==(const Currency&, const Currency&) noexcept = default;

 private:
  constexpr explicit Currency(std::string_view code) noexcept
      : letters_{code[0], code[1], code[2]} {}
  std::array<char, 3> letters_;
};

// An Amount in a Currency. It cannot be added: a currency is data, so the compiler cannot tell
// EUR + EUR from EUR + USD; money changes a balance only through an Account.
class Money {
 public:
  constexpr Money(Amount amount, Currency currency) noexcept
      : amount_(amount), currency_(currency) {}
  [[nodiscard]] constexpr Amount amount() const noexcept { return amount_; }
  [[nodiscard]] constexpr Currency currency() const noexcept { return currency_; }
  friend constexpr bool operator==(const Money&, const Money&) noexcept = default;
  friend Money operator+(const Money&, const Money&) = delete;
  friend Money operator-(const Money&, const Money&) = delete;

 private:
  Amount amount_;
  Currency currency_;
};

// What an account holds: never negative, never past 2^63-1, moved only by an Amount.
class Balance {
 public:
  [[nodiscard]] static constexpr Balance zero() noexcept { return Balance(0); }
  [[nodiscard]] constexpr std::optional<Balance> plus(Amount amount) const noexcept {
    if (minor_units_ > std::numeric_limits<std::int64_t>::max() - amount.minor_units()) {
      return std::nullopt;
    }
    return Balance(minor_units_ + amount.minor_units());
  }
  [[nodiscard]] constexpr std::optional<Balance> minus(Amount amount) const noexcept {
    if (minor_units_ < amount.minor_units()) return std::nullopt;
    return Balance(minor_units_ - amount.minor_units());
  }
  [[nodiscard]] constexpr std::int64_t minor_units() const noexcept { return minor_units_; }
  friend constexpr bool operator==(Balance, Balance) noexcept = default;

 private:
  constexpr explicit Balance(std::int64_t minor_units) noexcept : minor_units_(minor_units) {}
  std::int64_t minor_units_;
};

// A string that means one thing; `Tag` tells the kinds apart.
template <class Tag>
class Id {
 public:
  explicit Id(std::string text) noexcept : text_(std::move(text)) {}
  [[nodiscard]] const std::string& text() const noexcept { return text_; }
  friend bool operator==(const Id&, const Id&) = default;

 private:
  std::string text_;
};

using AccountId = Id<struct AccountIdTag>;
using RequestId = Id<struct RequestIdTag>;

}  // namespace archbench::lab04
