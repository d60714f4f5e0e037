// The contract's names and statuses. Switches without a default: adding an enumerator makes
// -Wswitch point at every place that must learn about it.
#include "common/ledger/contract.hpp"

#include "common/ledger/json_codec.hpp"

namespace archbench::ledger {

std::string_view route_name(Route route) noexcept {
  switch (route) {
    case Route::create_account:
      return "create_account";
    case Route::get_account:
      return "get_account";
    case Route::deposit:
      return "deposit";
    case Route::list_transactions:
      return "list_transactions";
    case Route::transfer:
      return "transfer";
    case Route::transfer_batch:
      return "transfer_batch";
    case Route::health:
      return "health";
    case Route::metrics:
      return "metrics";
    case Route::unknown:
      return "unknown";
  }
  return "unknown";
}

std::string_view error_code_name(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::bad_request:
      return "bad_request";
    case ErrorCode::not_found:
      return "not_found";
    case ErrorCode::account_not_found:
      return "account_not_found";
    case ErrorCode::method_not_allowed:
      return "method_not_allowed";
    case ErrorCode::length_required:
      return "length_required";
    case ErrorCode::insufficient_funds:
      return "insufficient_funds";
    case ErrorCode::idempotency_conflict:
      return "idempotency_conflict";
    case ErrorCode::payload_too_large:
      return "payload_too_large";
    case ErrorCode::invalid_amount:
      return "invalid_amount";
    case ErrorCode::invalid_currency:
      return "invalid_currency";
    case ErrorCode::currency_mismatch:
      return "currency_mismatch";
    case ErrorCode::same_account:
      return "same_account";
    case ErrorCode::request_header_too_large:
      return "request_header_too_large";
    case ErrorCode::internal_error:
      return "internal_error";
    case ErrorCode::unavailable:
      return "unavailable";
    case ErrorCode::overloaded:
      return "overloaded";
    case ErrorCode::http_version_not_supported:
      return "http_version_not_supported";
  }
  return "internal_error";
}

int http_status(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::bad_request:
      return 400;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::account_not_found:
      return 404;
    case ErrorCode::method_not_allowed:
      return 405;
    case ErrorCode::length_required:
      return 411;
    case ErrorCode::insufficient_funds:
      return 409;
    case ErrorCode::idempotency_conflict:
      return 409;
    case ErrorCode::payload_too_large:
      return 413;
    case ErrorCode::invalid_amount:
      return 422;
    case ErrorCode::invalid_currency:
      return 422;
    case ErrorCode::currency_mismatch:
      return 422;
    case ErrorCode::same_account:
      return 422;
    case ErrorCode::request_header_too_large:
      return 431;
    case ErrorCode::internal_error:
      return 500;
    case ErrorCode::unavailable:
    case ErrorCode::overloaded:
      return 503;
    case ErrorCode::http_version_not_supported:
      return 505;
  }
  return 500;
}

bool is_retryable(ErrorCode code) noexcept {
  return code == ErrorCode::unavailable || code == ErrorCode::overloaded;
}

std::string error_body(ErrorCode code, std::string_view message) {
  std::string out;
  out.reserve(40 + message.size());
  write_error_json(code, message, out);
  return out;
}

namespace refusals {

Error account_not_found(std::string_view account) {
  return {ErrorCode::account_not_found, account_not_found_message(account)};
}

Error idempotency_conflict(std::string_view request_id) {
  return {ErrorCode::idempotency_conflict, idempotency_conflict_message(request_id)};
}

Error balance_overflow(std::string_view account) {
  return {ErrorCode::invalid_amount, balance_overflow_message(account)};
}

Error same_account(std::string_view account) {
  return {ErrorCode::same_account, same_account_message(account)};
}

Error currency_mismatch(std::string_view account, std::string_view holds, std::string_view asked) {
  return {ErrorCode::currency_mismatch, currency_mismatch_message(account, holds, asked)};
}

Error insufficient_funds(std::string_view account, Money holds, Money needs) {
  return {ErrorCode::insufficient_funds, insufficient_funds_message(account, holds, needs)};
}

}  // namespace refusals

}  // namespace archbench::ledger
