// The ledger's refusals, worded exactly as every backend words them (the baseline is the
// reference), and the checks that need no state: the HTTP adapter runs those on the I/O thread
// before any message is sent, so that actors only ever see requests worth their time.
#pragma once

#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "common/ledger/messages.hpp"

namespace archbench::actor::rules {

inline constexpr ledger::Money kMaxBalance = std::numeric_limits<ledger::Money>::max();

[[nodiscard]] ledger::Error account_not_found(std::string_view id);
[[nodiscard]] ledger::Error idempotency_conflict(std::string_view request_id);
[[nodiscard]] ledger::Error balance_overflow(std::string_view id);
[[nodiscard]] ledger::Error currency_mismatch(std::string_view id, std::string_view held,
                                              std::string_view wanted);
[[nodiscard]] ledger::Error insufficient_funds(std::string_view id, ledger::Money balance,
                                               ledger::Money amount);

[[nodiscard]] std::optional<ledger::Error> check_amount(ledger::Money amount);
[[nodiscard]] std::optional<ledger::Error> check_currency(const std::string& currency);
// amount, currency, from != to: the transfer checks before the idempotency one.
[[nodiscard]] std::optional<ledger::Error> check_transfer(const ledger::TransferRequest& request);

// True if `a` and `b` are "the same body" for idempotency (docs/workload.md): from, to,
// amount, currency, memo. request_id is the key, not part of the body.
[[nodiscard]] bool same_transfer(const ledger::TransferRequest& a,
                                 const ledger::TransferRequest& b) noexcept;

}  // namespace archbench::actor::rules
