// The refusals: the reason, and the contract's words for it (common/ledger/rules.hpp), the same
// in every backend (the conformance suite compares codes; people compare messages).
#include <string>

#include "common/ledger/rules.hpp"
#include "ddd/kernel/refusal.hpp"

namespace archbench::ddd::refusals {

namespace words = ::archbench::ledger;

Refusal invalid_amount(std::int64_t minor_units) {
  return {Reason::invalid_amount, words::invalid_amount_message(minor_units)};
}

Refusal invalid_currency(std::string_view code) {
  return {Reason::invalid_currency, words::invalid_currency_message(code)};
}

Refusal balance_overflow(std::string_view account) {
  return {Reason::invalid_amount, words::balance_overflow_message(account)};
}

Refusal same_account(std::string_view account) {
  return {Reason::same_account, words::same_account_message(account)};
}

Refusal idempotency_conflict(std::string_view request_id) {
  return {Reason::idempotency_conflict, words::idempotency_conflict_message(request_id)};
}

Refusal account_not_found(std::string_view account) {
  return {Reason::account_not_found, words::account_not_found_message(account)};
}

Refusal currency_mismatch(std::string_view account, std::string_view holds,
                          std::string_view asked) {
  return {Reason::currency_mismatch, words::currency_mismatch_message(account, holds, asked)};
}

Refusal insufficient_funds(std::string_view account, std::int64_t holds, std::int64_t needs) {
  return {Reason::insufficient_funds, words::insufficient_funds_message(account, holds, needs)};
}

}  // namespace archbench::ddd::refusals
