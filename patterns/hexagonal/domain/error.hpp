// Why the ledger's rules refuse a request, and the Outcome every use case returns.
// Only the domain's own refusals live here: malformed bodies (400) and unknown routes (404)
// are the HTTP adapter's business and never reach the domain.
#pragma once

#include <string>
#include <variant>

namespace archbench::hexagonal::domain {

enum class ErrorCode {
  invalid_amount,        // outside [1, 10^12], or a balance would pass the 64-bit limit
  invalid_currency,      // not three uppercase letters
  same_account,          // a transfer from an account to itself
  idempotency_conflict,  // a request_id reused with a different body
  account_not_found,
  currency_mismatch,   // the transfer's currency is not the accounts'
  insufficient_funds,  // the source holds less than the amount
};

struct Error {
  ErrorCode code = ErrorCode::invalid_amount;
  std::string message;  // for humans: "account a12 holds 500, needs 1250"
  bool operator==(const Error&) const = default;
};

// Either what the use case produced or why it was refused.
template <class T>
using Outcome = std::variant<T, Error>;

}  // namespace archbench::hexagonal::domain
