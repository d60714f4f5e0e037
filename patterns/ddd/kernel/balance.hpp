// Balance: what an account holds, in minor units: never negative, never past 2^63-1. It only
// moves by an Amount, through plus and minus, which say when the move is impossible; there is
// no way to set a balance to a raw number, and reading one as a number is said aloud
// (minor_units()).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>

#include "ddd/kernel/amount.hpp"

namespace archbench::ddd {

class Balance {
 public:
  // Every account opens with this one.
  [[nodiscard]] static constexpr Balance zero() noexcept { return Balance(0); }

  // This balance and `amount` more, or nullopt when that would pass 2^63-1.
  [[nodiscard]] constexpr std::optional<Balance> plus(Amount amount) const noexcept {
    if (minor_units_ > std::numeric_limits<std::int64_t>::max() - amount.minor_units()) {
      return std::nullopt;
    }
    return Balance(minor_units_ + amount.minor_units());
  }
  // This balance less `amount`, or nullopt when that would be negative.
  [[nodiscard]] constexpr std::optional<Balance> minus(Amount amount) const noexcept {
    if (!covers(amount)) return std::nullopt;
    return Balance(minor_units_ - amount.minor_units());
  }
  [[nodiscard]] constexpr bool covers(Amount amount) const noexcept {
    return minor_units_ >= amount.minor_units();
  }

  [[nodiscard]] constexpr std::int64_t minor_units() const noexcept { return minor_units_; }

  friend constexpr bool operator==(Balance, Balance) noexcept = default;

 private:
  constexpr explicit Balance(std::int64_t minor_units) noexcept : minor_units_(minor_units) {}

  std::int64_t minor_units_;
};

}  // namespace archbench::ddd
