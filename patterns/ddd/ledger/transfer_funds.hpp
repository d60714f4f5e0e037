// The transfer rule as a domain service: it belongs to neither account alone, so it lives
// beside them. Money moves whole or not at all: every check runs on both accounts before either
// balance changes, in the contract's order (currencies from then to, funds, to's 64 bits).
#pragma once

#include <optional>

#include "ddd/kernel/money.hpp"
#include "ddd/kernel/refusal.hpp"
#include "ddd/ledger/account.hpp"

namespace archbench::ddd::ledger {

// Debits `from` and credits `to` with `money`, or changes nothing and says why.
// `from` and `to` are two different accounts (TransferOrder::place saw to that).
[[nodiscard]] std::optional<Refusal> transfer_funds(Account& from, Account& to, const Money& money);

}  // namespace archbench::ddd::ledger
