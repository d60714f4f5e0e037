// The refusals' messages: the same words as the baseline's, so that every backend explains a
// refusal alike (the conformance suite compares codes; people compare messages). The words for
// a bad amount or currency are the contract's own (common/ledger/rules.hpp).
#include <string>

#include "common/ledger/rules.hpp"
#include "ddd/kernel/refusal.hpp"

namespace archbench::ddd::refusals {
namespace {

// Messages start from a std::string and append (g++ 12 at -O3 warns falsely about
// `"x" + std::string(...)`, GCC bug 105329).
std::string text(std::string_view first) { return std::string(first); }

}  // namespace

Refusal invalid_amount(std::int64_t minor_units) {
  return {Reason::invalid_amount, ::archbench::ledger::invalid_amount_message(minor_units)};
}

Refusal invalid_currency(std::string_view code) {
  return {Reason::invalid_currency, ::archbench::ledger::invalid_currency_message(code)};
}

Refusal balance_overflow(std::string_view account) {
  return {Reason::invalid_amount, (text("account ") += account) + "'s balance would exceed 2^63-1"};
}

Refusal same_account(std::string_view account) {
  return {Reason::same_account, (text("cannot transfer from account ") += account) + " to itself"};
}

Refusal idempotency_conflict(std::string_view request_id) {
  return {Reason::idempotency_conflict,
          (text("request_id ") += request_id) + " was already used with a different body"};
}

Refusal account_not_found(std::string_view account) {
  return {Reason::account_not_found, (text("account ") += account) + " does not exist"};
}

Refusal currency_mismatch(std::string_view account, std::string_view holds,
                          std::string_view asked) {
  return {Reason::currency_mismatch,
          ((((text("account ") += account) += " holds ") += holds) += ", not ") += asked};
}

Refusal insufficient_funds(std::string_view account, std::int64_t holds, std::int64_t needs) {
  return {Reason::insufficient_funds, (((text("account ") += account) += " holds ") +
                                       std::to_string(holds) + ", needs " + std::to_string(needs))};
}

}  // namespace archbench::ddd::refusals
