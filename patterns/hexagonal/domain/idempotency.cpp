#include "hexagonal/domain/idempotency.hpp"

namespace archbench::hexagonal::domain {
namespace {

// "<length>:<bytes>": no separator inside a field can be mistaken for the end of it.
void append_field(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

}  // namespace

std::string fingerprint(const DepositRequest& request) {
  std::string out = "deposit;";
  append_field(out, request.account);
  append_field(out, std::to_string(request.amount));
  return out;
}

std::string fingerprint(const TransferRequest& request) {
  std::string out = "transfer;";
  append_field(out, request.from);
  append_field(out, request.to);
  append_field(out, std::to_string(request.amount));
  append_field(out, request.currency);
  if (request.memo) {  // "no memo" and "empty memo" are different requests
    out += '+';
    append_field(out, *request.memo);
  } else {
    out += '-';
  }
  return out;
}

Idempotency check_idempotency(const std::optional<IdempotencyRecord>& previous,
                              std::string_view fingerprint) noexcept {
  if (!previous) return Idempotency::first_time;
  return previous->fingerprint == fingerprint ? Idempotency::replay : Idempotency::conflict;
}

Error idempotency_conflict(std::string_view request_id) {
  return Error{ErrorCode::idempotency_conflict,
               "request_id " + std::string(request_id) + " was already used with a different body"};
}

Deposit replayed(const DepositRequest& request, const IdempotencyRecord& record) {
  return Deposit{record.result_id, request.account, request.amount, record.balance};
}

Transfer replayed(const TransferRequest& request, const IdempotencyRecord& record) {
  return Transfer{record.result_id, request.from, request.to, request.amount, request.currency};
}

}  // namespace archbench::hexagonal::domain
