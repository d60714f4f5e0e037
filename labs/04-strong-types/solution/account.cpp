// Lab 04 (solution): the Account's refusals, out of line.
#include "account.hpp"

#include <string>

namespace archbench::lab04 {

Refusal currency_mismatch(const Account& account, Currency asked) {
  std::string message = "account " + account.id().text() + " holds ";
  message += account.currency().code();
  message += ", not ";
  message += asked.code();
  return {Reason::currency_mismatch, std::move(message)};
}

Refusal insufficient_funds(const Account& account, Amount needed) {
  return {Reason::insufficient_funds, "account " + account.id().text() + " holds " +
                                          std::to_string(account.balance().minor_units()) +
                                          ", needs " + std::to_string(needed.minor_units())};
}

Refusal balance_overflow(const Account& account) {
  return {Reason::invalid_amount,
          "account " + account.id().text() + "'s balance would exceed 2^63-1"};
}

}  // namespace archbench::lab04
