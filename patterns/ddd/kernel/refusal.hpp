// Refusal: why the ledger says no, in the contract's words (docs/workload.md). Every factory
// and every aggregate answers with a Result: the value, or the Refusal that explains it.
//
// The reasons repeat the contract's error codes on purpose: the domain links nothing but the
// standard library, so it cannot include the HTTP contract (common/ledger/contract.hpp); the
// edge (edge/ddd_service.cpp) translates one into the other. Malformed bodies (400) never reach
// the domain. Of common/ledger it sees only rules.hpp: the amount and currency rules and the
// words of every refusal, header-only and standard-library only, so that they are written once
// for every backend.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace archbench::ddd {

enum class Reason {
  invalid_amount,        // outside [1, 10^12], or a balance would pass 2^63-1
  invalid_currency,      // not three uppercase letters
  same_account,          // a transfer from an account to itself
  idempotency_conflict,  // a request id reused for another request
  account_not_found,
  currency_mismatch,   // the money is not in the account's currency
  insufficient_funds,  // the balance does not cover the amount
};

struct Refusal {
  Reason reason = Reason::invalid_amount;
  std::string message;  // for humans, word for word the baseline's
  bool operator==(const Refusal&) const = default;
};

// Either what was asked for, or why not.
template <class T>
using Result = std::variant<T, Refusal>;

// The refusals, built out of line: only the unhappy path pays for the message.
namespace refusals {
[[nodiscard]] Refusal invalid_amount(std::int64_t minor_units);
[[nodiscard]] Refusal invalid_currency(std::string_view code);
[[nodiscard]] Refusal balance_overflow(std::string_view account);
[[nodiscard]] Refusal same_account(std::string_view account);
[[nodiscard]] Refusal idempotency_conflict(std::string_view request_id);
[[nodiscard]] Refusal account_not_found(std::string_view account);
[[nodiscard]] Refusal currency_mismatch(std::string_view account, std::string_view holds,
                                        std::string_view asked);
[[nodiscard]] Refusal insufficient_funds(std::string_view account, std::int64_t holds,
                                         std::int64_t needs);
}  // namespace refusals

}  // namespace archbench::ddd
