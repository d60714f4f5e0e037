// Lab 04 (solution): the values' refusals, out of line.
#include "money.hpp"

#include <string>

namespace archbench::lab04 {

Refusal invalid_amount(std::int64_t minor_units) {
  return {Reason::invalid_amount,
          "amount must be from 1 to 10^12 minor units, not " + std::to_string(minor_units)};
}

Refusal invalid_currency(std::string_view code) {
  std::string message = "currency must be three uppercase letters, not \"";
  message += code;
  return {Reason::invalid_currency, message + "\""};
}

}  // namespace archbench::lab04
