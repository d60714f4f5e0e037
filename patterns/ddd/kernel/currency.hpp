// Currency: three uppercase ASCII letters ("EUR"). Held in three bytes, not a std::string:
// comparing two currencies is comparing three chars. There is no conversion between
// currencies: money only moves between accounts that hold the same one.
#pragma once

#include <array>
#include <string_view>

#include "common/ledger/rules.hpp"  // the contract's rule and its message, shared by every backend
#include "ddd/kernel/refusal.hpp"

namespace archbench::ddd {

class Currency {
 public:
  // The contract's check: `invalid_currency` unless three uppercase letters.
  [[nodiscard]] static Result<Currency> from_code(std::string_view code) {
    if (!is_valid(code)) return refusals::invalid_currency(code);
    return Currency(code);
  }

  // "EUR": a view of the three letters, valid as long as this Currency.
  [[nodiscard]] constexpr std::string_view code() const noexcept {
    return {letters_.data(), letters_.size()};
  }

  friend constexpr bool operator==(const Currency&, const Currency&) noexcept = default;

 private:
  constexpr explicit Currency(std::string_view code) noexcept
      : letters_{code[0], code[1], code[2]} {}
  [[nodiscard]] static constexpr bool is_valid(std::string_view code) noexcept {
    return ::archbench::ledger::is_valid_currency(code);
  }

  std::array<char, 3> letters_;
};

}  // namespace archbench::ddd
