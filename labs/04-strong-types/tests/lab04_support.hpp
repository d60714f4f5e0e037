// Helpers for the lab 04 tests: unwrap a Result the test expects to hold a value, and
// "does this expression compile?" checks. A requires-expression asks the compiler exactly
// that, without failing the build: each check below is a compile-fail test that runs as a
// normal test, so that it fails (instead of the build) while your types still allow it.
#pragma once

#include <gtest/gtest.h>

#include <concepts>
#include <string_view>
#include <variant>

#include "account.hpp"
#include "money.hpp"

namespace archbench::lab04::testing {

template <class T>
T value_of(const Result<T>& result) {
  if (const auto* refusal = std::get_if<Refusal>(&result)) {
    ADD_FAILURE() << "expected a value, got a refusal: " << refusal->message;
  }
  return std::get<T>(result);
}

template <class T>
bool refused_for(const Result<T>& result, Reason reason) {
  const auto* refusal = std::get_if<Refusal>(&result);
  return refusal != nullptr && refusal->reason == reason;
}

inline Amount amount(std::int64_t minor_units) {
  return value_of(Amount::from_minor_units(minor_units));
}
inline Currency currency(const char* code) { return value_of(Currency::from_code(code)); }
inline Money money(std::int64_t minor_units, const char* code = "EUR") {
  return {amount(minor_units), currency(code)};
}

// The compile-fail checks. They are concepts because a requires-expression only answers
// "no" (instead of failing the build) when its expression depends on a template parameter.
template <class T>
concept MadeFromADouble = requires {
  T::from_minor_units(12.5);
};
template <class T>
concept Negatable = requires(T value) {
  -value;
};
template <class T>
concept Addable = requires(T a, T b) {
  a + b;
};
template <class T>
concept Subtractable = requires(T a, T b) {
  a - b;
};
template <class T>
concept HasText = requires(const T& id) {
  { id.text() } -> std::convertible_to<std::string_view>;
};

}  // namespace archbench::lab04::testing
