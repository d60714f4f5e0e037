// Lab 04 (starter): the wallet's values, as the code base had them: integers and strings with
// a name on top. Every conversion is open and nothing is checked, so the compiler accepts
// 12.5 as an amount, an account id as a request id, and EUR + USD. Your job: make each one a
// type of its own that the compiler can defend (README.md, steps 1 and 2).
//
// Keep the public names and signatures the tests use (from_minor_units, from_code, code,
// amount, currency, zero, plus, minus, minor_units, text, ==): change what they accept, what
// they check and what converts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "refusal.hpp"

namespace archbench::lab04 {

// TODO(student): step 1. An Amount is 1 to 10^12 minor units. from_minor_units must refuse
// anything else with Reason::invalid_amount, and must not accept a double at all (money is
// never rounded). Nothing but from_minor_units may make an Amount; it converts to nothing.
struct Amount {
  Amount(std::int64_t minor_units) : value(minor_units) {}  // NOLINT: the problem, on purpose
  [[nodiscard]] static Result<Amount> from_minor_units(std::int64_t minor_units) {
    return Amount(minor_units);
  }
  [[nodiscard]] std::int64_t minor_units() const { return value; }
  operator std::int64_t() const { return value; }  // NOLINT: the problem, on purpose
  std::int64_t value;
};

// TODO(student): step 1. A Currency is three uppercase ASCII letters; from_code refuses
// anything else with Reason::invalid_currency. Only from_code makes one.
struct Currency {
  Currency(std::string code) : value(std::move(code)) {}  // NOLINT: on purpose
  [[nodiscard]] static Result<Currency> from_code(std::string_view code) {
    return Currency(std::string(code));
  }
  [[nodiscard]] std::string_view code() const { return value; }
  friend bool operator==(const Currency&, const Currency&) = default;
  std::string value;
};

// TODO(student): step 1. Money is an Amount in a Currency. Two sums of money must not be
// added or subtracted with + and - (they may be in different currencies: the compiler must
// refuse the expression, not compute a wrong sum).
struct Money {
  Money(Amount amount, Currency currency) : amount_(amount), currency_(std::move(currency)) {}
  [[nodiscard]] Amount amount() const { return amount_; }
  [[nodiscard]] Currency currency() const { return currency_; }
  friend bool operator==(const Money&, const Money&) = default;
  friend Money operator+(const Money& a, const Money& b) {  // "handy", and wrong for EUR + USD
    return {Amount(a.amount_ + b.amount_), a.currency_};
  }
  Amount amount_;
  Currency currency_;
};

// TODO(student): step 2. A Balance is never negative and never past 2^63-1: plus and minus
// return nullopt instead of leaving that range. Only zero() makes one from nothing; it does not
// convert to or from an integer (minor_units() says it aloud).
struct Balance {
  Balance(std::int64_t minor_units) : value(minor_units) {}  // NOLINT: on purpose
  [[nodiscard]] static Balance zero() { return {0}; }
  [[nodiscard]] std::optional<Balance> plus(Amount amount) const { return Balance(value + amount); }
  [[nodiscard]] std::optional<Balance> minus(Amount amount) const {
    return Balance(value - amount);
  }
  [[nodiscard]] std::int64_t minor_units() const { return value; }
  operator std::int64_t() const { return value; }  // NOLINT: on purpose
  std::int64_t value;
};

// TODO(student): step 2. An AccountId and a RequestId are both strings underneath, but must
// not be interchangeable, nor be made from a std::string without saying so (an explicit
// constructor), and each must give its text back with text().
using AccountId = std::string;
using RequestId = std::string;

}  // namespace archbench::lab04
