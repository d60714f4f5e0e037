// The command handlers: each decides, against the state folded from the log, whether a request
// becomes a new fact (an event to append), repeats an earlier one (idempotency), or is refused.
// They only decide; appending and applying is the caller's (write/command_side.hpp), so these
// are plain functions of (state, request), tested without a log.
//
// The checks run in the contract's order (docs/workload.md), with the baseline's messages.
#pragma once

#include <string_view>
#include <variant>

#include "common/ledger/messages.hpp"
#include "event-driven/events/event.hpp"
#include "event-driven/write/ledger_state.hpp"

namespace archbench::event_driven {

// A request_id seen before, with the same request: answer as the first time, once the first
// time's position is durable.
template <class Answer>
struct Repeat {
  Answer answer;
  Position position = 0;
};

template <class NewEvent, class Answer>
using Decision = std::variant<NewEvent, Repeat<Answer>, ledger::Error>;

[[nodiscard]] std::variant<AccountOpened, ledger::Error> open_account(const LedgerState& state,
                                                                      ledger::NewAccount request);

[[nodiscard]] Decision<FundsDeposited, ledger::Deposit> deposit(
    const LedgerState& state, std::string_view account, const ledger::DepositRequest& request);

[[nodiscard]] Decision<TransferCompleted, ledger::Transfer> transfer(
    const LedgerState& state, const ledger::TransferRequest& request);

// The answers an event gives, for the first request and its repeats alike.
[[nodiscard]] ledger::Account answer_of(const AccountOpened& event);
[[nodiscard]] ledger::Deposit answer_of(const FundsDeposited& event, Money balance_after);
[[nodiscard]] ledger::Transfer answer_of(const TransferCompleted& event);

}  // namespace archbench::event_driven
