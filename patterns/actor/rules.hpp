// The ledger's refusals, worded exactly as every backend words them (common/ledger), and the
// checks that need no state: the HTTP adapter runs those on the I/O thread
// before any message is sent, so that actors only ever see requests worth their time.
#pragma once

#include <limits>
#include <optional>
#include <string_view>

#include "common/ledger/contract.hpp"
#include "common/ledger/messages.hpp"

namespace archbench::actor::rules {

inline constexpr ledger::Money kMaxBalance = std::numeric_limits<ledger::Money>::max();

// The contract's checks and words, written once for every backend (common/ledger).
using ledger::check_amount;
using ledger::check_currency;
using ledger::refusals::account_not_found;
using ledger::refusals::balance_overflow;
using ledger::refusals::currency_mismatch;
using ledger::refusals::idempotency_conflict;
using ledger::refusals::insufficient_funds;

// amount, currency, from != to: the transfer checks before the idempotency one.
[[nodiscard]] std::optional<ledger::Error> check_transfer(const ledger::TransferRequest& request);

// True if `a` and `b` are "the same body" for idempotency (docs/workload.md): from, to,
// amount, currency, memo. request_id is the key, not part of the body.
[[nodiscard]] bool same_transfer(const ledger::TransferRequest& a,
                                 const ledger::TransferRequest& b) noexcept;

}  // namespace archbench::actor::rules
