// The ledger workload's contract in code: limits, routes and error codes, shared by every
// backend, the conformance suite and the load generator. docs/workload.md is its prose twin.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/ledger/rules.hpp"  // Money, the amount and currency rules and their words

namespace archbench::ledger {

inline constexpr std::size_t kMaxBatchTransfers = 10'000;
inline constexpr int kDefaultTransactionLimit = 20;
inline constexpr int kMaxTransactionLimit = 1000;
inline constexpr std::size_t kMaxOwnerBytes = 256;
inline constexpr std::size_t kMaxRequestIdBytes = 128;
inline constexpr std::size_t kMaxMemoBytes = 1024;

enum class Route {
  create_account,     // POST /accounts
  get_account,        // GET  /accounts/{id}
  deposit,            // POST /accounts/{id}/deposits
  list_transactions,  // GET  /accounts/{id}/transactions?limit=N
  transfer,           // POST /transfers
  transfer_batch,     // POST /transfers/batch
  health,             // GET  /health
  metrics,            // GET  /metrics
  unknown,            // anything else (answered 404 or 405 by the shared front)
};
inline constexpr std::size_t kRouteCount = 9;

// The label of a route in /metrics, e.g. "create_account".
[[nodiscard]] std::string_view route_name(Route route) noexcept;

enum class ErrorCode {
  bad_request,                 // 400: malformed JSON, wrong types, missing fields, bad query
  not_found,                   // 404: no such route
  account_not_found,           // 404
  method_not_allowed,          // 405
  length_required,             // 411: chunked bodies are not supported
  insufficient_funds,          // 409
  idempotency_conflict,        // 409: request_id reused with a different body
  payload_too_large,           // 413: body over 16 MiB
  invalid_amount,              // 422: amount outside [1, 10^12], or the balance would overflow
  invalid_currency,            // 422: not three uppercase ASCII letters
  currency_mismatch,           // 422: transfer currency differs from an account's
  same_account,                // 422: transfer from an account to itself
  request_header_too_large,    // 431
  internal_error,              // 500
  unavailable,                 // 503: a part the request needs is down or restarting (Retry-After)
  overloaded,                  // 503: too many requests in flight; back off (Retry-After)
  http_version_not_supported,  // 505
};

[[nodiscard]] std::string_view error_code_name(ErrorCode code) noexcept;  // "insufficient_funds"
[[nodiscard]] int http_status(ErrorCode code) noexcept;                   // 409
// True for the codes a client should retry after a pause: their answers carry `Retry-After`.
[[nodiscard]] bool is_retryable(ErrorCode code) noexcept;

// A refusal: the contract's code and a message for people.
struct Error {
  ErrorCode code = ErrorCode::internal_error;
  std::string message;
  bool operator==(const Error&) const = default;
};

// `{"error":{"code":"...","message":"..."}}` with the message JSON-escaped.
[[nodiscard]] std::string error_body(ErrorCode code, std::string_view message);

// The stateless checks of an amount and a currency (rules.hpp), in every backend's words:
// nullopt when the value is valid, else `invalid_amount` / `invalid_currency` and the message
// docs/workload.md and the conformance suite expect.
// Inline: on the happy path (every request) they are one comparison, not a call.
[[nodiscard]] inline std::optional<Error> check_amount(Money amount) {
  if (is_valid_amount(amount)) return std::nullopt;
  return Error{ErrorCode::invalid_amount, invalid_amount_message(amount)};
}
[[nodiscard]] inline std::optional<Error> check_currency(std::string_view currency) {
  if (is_valid_currency(currency)) return std::nullopt;
  return Error{ErrorCode::invalid_currency, invalid_currency_message(currency)};
}

// The stateful refusals, with the contract's code and words (rules.hpp).
namespace refusals {
[[nodiscard]] Error account_not_found(std::string_view account);
[[nodiscard]] Error idempotency_conflict(std::string_view request_id);
[[nodiscard]] Error balance_overflow(std::string_view account);  // invalid_amount
[[nodiscard]] Error same_account(std::string_view account);
[[nodiscard]] Error currency_mismatch(std::string_view account, std::string_view holds,
                                      std::string_view asked);
[[nodiscard]] Error insufficient_funds(std::string_view account, Money holds, Money needs);
}  // namespace refusals

}  // namespace archbench::ledger
