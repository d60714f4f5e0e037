// Idempotency decisions: is this request new, a retry of an earlier success (answer it again,
// change nothing), or a reuse of its request_id for something else (refuse it)?
//
// The store keeps one IdempotencyRecord per successful request; the domain decides what it
// means. Request ids are scoped per operation: a deposit and a transfer may share one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "hexagonal/domain/deposit.hpp"
#include "hexagonal/domain/error.hpp"
#include "hexagonal/domain/money.hpp"
#include "hexagonal/domain/transfer.hpp"

namespace archbench::hexagonal::domain {

enum class Operation { deposit, transfer };

// What is remembered of a successful request: enough to recognise a retry and to answer it
// exactly as the first time.
struct IdempotencyRecord {
  std::string fingerprint;  // see fingerprint() below
  std::string result_id;    // the deposit's or the transfer's id
  Money balance = 0;        // deposits: the balance the first answer reported
  bool operator==(const IdempotencyRecord&) const = default;
};

// Every field of the request except request_id, in a fixed order with lengths, so that two
// requests have the same fingerprint exactly when their fields are equal (whatever the order
// or spacing of the JSON they came in).
[[nodiscard]] std::string fingerprint(const DepositRequest& request);
[[nodiscard]] std::string fingerprint(const TransferRequest& request);

enum class Idempotency {
  first_time,  // no success with this request_id yet: apply the request
  replay,      // the same request succeeded before: answer as then, change nothing
  conflict,    // the request_id was claimed by a different request: 409
};

[[nodiscard]] Idempotency check_idempotency(const std::optional<IdempotencyRecord>& previous,
                                            std::string_view fingerprint) noexcept;

[[nodiscard]] Error idempotency_conflict(std::string_view request_id);

// The first answer, rebuilt from the request and its record.
[[nodiscard]] Deposit replayed(const DepositRequest& request, const IdempotencyRecord& record);
[[nodiscard]] Transfer replayed(const TransferRequest& request, const IdempotencyRecord& record);

}  // namespace archbench::hexagonal::domain
