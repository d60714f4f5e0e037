// Lab 02, given: the messages of a transfer across two account actors, and their answers.
//
//   test / client --RunTransfer -> TransferDone ------------------->  transfer coordinator
//   coordinator   --Reserve -> Verdict --------------------------->  the actor of `to`
//                 --Debit -> DebitVerdict ----------------------->  the actor of `from`
//                 --Commit -> Committed | Release -> Released --->  the actor of `to`
//   anyone        --ReadAccount -> AccountView ------------------>  an account actor
//
// Every message is a request: it gets exactly one answer, the type after its arrow. Each step
// names its transfer by `transfer`, the key of the whole protocol (the request_id of the
// transfer it belongs to): step 3 of the lab makes an account recognise a step it has seen.
//
// The types stay in this process, so they are whitelisted for CAF's local messages
// (CAF_ALLOW_UNSAFE_MESSAGE_TYPE at the end) rather than given a serialisation.
#pragma once

#include <atomic>
#include <caf/allowed_unsafe_message_type.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/ledger/messages.hpp"

namespace archbench::lab02 {

using ledger::Money;

// The contract's order of a transfer's stateful checks (docs/workload.md). When several fail,
// the client is told about the first.
enum class Check : int {
  from_exists = 1,
  to_exists = 2,
  from_currency = 3,
  to_currency = 4,
  funds = 5,
  to_room = 6,  // `to`'s balance stays within 2^63-1
};

// One refused step: which check refused, and the refusal in the contract's words.
struct Refusal {
  Check check = Check::from_exists;
  ledger::Error error;
  bool operator==(const Refusal&) const = default;
};

// ---- the steps ---------------------------------------------------------------------------

// Step 1 of a transfer, to the actor of `to`: hold room for a credit of `amount`.
struct Reserve {
  std::string transfer;
  Money amount = 0;
  std::string currency;
};
struct Verdict {
  std::optional<Refusal> refusal;  // nullopt: done
  bool operator==(const Verdict&) const = default;
};

// Step 2, to the actor of `from`: check, and (when `apply`) debit. `to` is the counterparty
// of its history line.
struct Debit {
  std::string transfer;
  Money amount = 0;
  std::string currency;
  std::string to;
  bool apply = true;
};
struct DebitVerdict {
  std::optional<Refusal> refusal;  // nullopt: the debit was applied (or, if !apply, would be)
  std::string transfer_id;         // "tr-N", taken by a debit that was applied; else empty
  bool operator==(const DebitVerdict&) const = default;
};

// Step 3, to the actor of `to`: the reserved credit becomes balance.
struct Commit {
  std::string transfer;
  std::string transfer_id;
  Money amount = 0;
  std::string from;  // the counterparty of its history line
};
struct Committed {};

// The compensation, to the actor of `to` when step 2 refused: the reservation is dropped.
struct Release {
  std::string transfer;
  Money amount = 0;
};
struct Released {};

// ---- reading an account ------------------------------------------------------------------

// One line of an account's history: a debit (amount < 0) or a credit (amount > 0).
struct Line {
  std::string transfer_id;
  Money amount = 0;
  std::string counterparty;
  Money balance_after = 0;
  bool operator==(const Line&) const = default;
};

struct ReadAccount {};
struct AccountView {
  std::string id;
  std::string currency;
  Money balance = 0;
  Money reserved = 0;         // credits reserved and neither committed nor released
  std::vector<Line> history;  // oldest first
};

// ---- the whole transfer ------------------------------------------------------------------

// To the coordinator. The request is checked for everything that needs no state (amount,
// currency's form, from != to) before it is sent.
struct RunTransfer {
  ledger::TransferRequest request;
};
struct TransferDone {
  std::variant<ledger::Transfer, ledger::Error> outcome;
};

// The transfer ids "tr-1", "tr-2", ...: one sequence shared by every account actor (a debit
// that is applied takes the next). Thread-safe.
class TransferIds {
 public:
  [[nodiscard]] std::string take() {
    return "tr-" + std::to_string(taken_.fetch_add(1, std::memory_order_relaxed) + 1);
  }
  [[nodiscard]] std::uint64_t taken() const noexcept {
    return taken_.load(std::memory_order_relaxed);
  }

 private:
  std::atomic<std::uint64_t> taken_{0};
};

}  // namespace archbench::lab02

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::lab02::Reserve)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::lab02::Verdict)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::lab02::Debit)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::lab02::DebitVerdict)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::lab02::Commit)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::lab02::Committed)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::lab02::Release)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::lab02::Released)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::lab02::ReadAccount)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::lab02::AccountView)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::lab02::RunTransfer)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::lab02::TransferDone)
