// The actors' protocol: every message one actor may send another, as a C++ type. Handlers
// match on these types, so a message is what it is named, not a tuple of atoms and strings.
//
//   HTTP adapter  --OpenAccount, GetAccount, ListTransactions-->  account owner   (ticket)
//   HTTP adapter  --SubmitDeposit, SubmitTransfer------------->  idempotency registry (ticket)
//   HTTP adapter  --(spawns) batch runner --RunTransfer------->  idempotency registry
//   registry      --ApplyDeposit -> DepositOutcome ---------->  account owner
//   registry      --RunTransfer -> TransferOutcome ---------->  transfer coordinator
//   coordinator   --ReserveCredit -> StepVerdict ------------>  owner of `to`
//                 --Debit -> DebitVerdict ------------------->  owner of `from`
//                 --CommitCredit -> Committed | ReleaseCredit -> StepVerdict -> owner of `to`
//                 --TransferInDoubt (a step hit a crashed owner) ---> registry
//   chaos monkey  --Crash (--chaos only) -------------------->  account owner
//
// "account owner" is the actor that owns an account's balance and history: a shard actor
// (--granularity shard:N) or the account's own actor behind a directory (--granularity
// account). Messages marked (ticket) carry the HTTP answer and are answered through it; the
// others are requests answered with the type after the arrow (CAF's request/then).
//
// The messages that carry a Ticket (the HTTP answer) stay in this process: they are whitelisted
// for CAF's local messages (CAF_ALLOW_UNSAFE_MESSAGE_TYPE below). The deposit and the transfer
// steps also go to shard hosts in other processes (--shard-hosts): remote/inspect.hpp, included
// at the end, writes them on the wire, and remote/wire.cpp registers them by name.
#pragma once

#include <caf/allowed_unsafe_message_type.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "actor/ticket.hpp"
#include "common/ledger/messages.hpp"

namespace archbench::actor {

// ---- answered through the ticket ---------------------------------------------------------

// A new account, its id already taken (the id decides which actor owns it).
struct OpenAccount {
  ledger::Account account;
  Ticket ticket;
};
struct GetAccount {
  std::string id;
  Ticket ticket;
};
struct ListTransactions {
  std::string id;
  int limit = ledger::kDefaultTransactionLimit;
  Ticket ticket;
};
// Checked for everything that needs no state (body, amount) before it is sent.
struct SubmitDeposit {
  std::string account;
  ledger::DepositRequest request;
  Ticket ticket;
};
// Checked for everything that needs no state (body, amount, currency, from != to).
struct SubmitTransfer {
  ledger::TransferRequest request;
  Ticket ticket;
};

// ---- requests and their answers ----------------------------------------------------------

using DepositOutcome = std::variant<ledger::Deposit, ledger::Error>;
using TransferOutcome = std::variant<ledger::Transfer, ledger::Error>;

// Registry -> account owner: apply a deposit whose request_id is claimed. Idempotent by
// request_id: sent again after a crash, an applied deposit answers what it answered.
struct ApplyDeposit {
  std::string account;
  ledger::Money amount = 0;
  std::string request_id;
};
struct DepositDone {
  DepositOutcome outcome;
};

// Registry (or batch runner) -> coordinator (or registry): run one transfer.
struct RunTransfer {
  ledger::TransferRequest request;
};
struct TransferDone {
  TransferOutcome outcome;
};

// One refused step of a transfer, with the position of its check in the contract's order
// (docs/workload.md: 1 `from` exists, 2 `to` exists, 3 `from`'s currency, 4 `to`'s currency,
// 5 funds, 6 `to`'s balance stays within 64 bits): the coordinator answers the first.
struct Refusal {
  int check = 0;
  ledger::Error error;
};

// The steps below are idempotent by the transfer's request_id: a coordinator whose step hit a
// crashed owner sends it again until the restarted owner answers, and a step applied before
// the crash answers as it did then (actors/book.hpp).
//
// Step 1, to the owner of `to`: can it take `amount` in `currency`? If so the amount is
// reserved there (its balance may not grow past 2^63-1 meanwhile), nothing is visible yet.
struct ReserveCredit {
  std::string to;
  ledger::Money amount = 0;
  std::string currency;
  std::string request_id;
};
struct StepVerdict {
  std::optional<Refusal> refusal;
};

// Step 2, to the owner of `from`: check and debit. `apply` false only checks (the coordinator
// needs the source's verdict to put a refusal of step 1 in the contract's order).
struct Debit {
  ledger::TransferRequest request;
  bool apply = true;
};
struct DebitVerdict {
  std::optional<Refusal> refusal;
  std::string transfer_id;  // taken by a debit that was applied
};

// Step 3, to the owner of `to`: the reserved credit becomes real (it cannot fail).
struct CommitCredit {
  std::string to;
  std::string from;
  std::string transfer_id;
  ledger::Money amount = 0;
  std::optional<std::string> memo;
  std::string request_id;
};
struct Committed {};

// The compensation when step 2 refused: the reservation of step 1 is dropped. Answered with
// an empty StepVerdict, so that the coordinator knows it happened (and retries it if not).
struct ReleaseCredit {
  std::string to;
  ledger::Money amount = 0;
  std::string request_id;
};

// Coordinator -> the registry that sent RunTransfer: a step hit a crashed owner. The client
// is answered 503 `unavailable` now; the coordinator goes on (the step again, against the
// restarted owner) and answers TransferDone once the transfer's real outcome is known, which
// is what a retry with the same request_id then gets.
struct TransferInDoubt {
  std::string request_id;
};

// Fault injection (--chaos), to an owner: throw now (`after_next_write` false), or after the
// next change is journaled and before it is answered (the window the journal must cover).
// Through the supervisor, which forwards it like any other message.
struct Crash {
  bool after_next_write = false;
  std::uint64_t pick = 0;  // account mode: which of the directory's accounts
};

}  // namespace archbench::actor

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::actor::OpenAccount)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::actor::GetAccount)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::actor::ListTransactions)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::actor::SubmitDeposit)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::actor::SubmitTransfer)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::actor::RunTransfer)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::actor::TransferDone)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::actor::TransferInDoubt)  // stays in this process
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::actor::Crash)            // --chaos, in this process

#include "actor/remote/inspect.hpp"  // IWYU pragma: export
