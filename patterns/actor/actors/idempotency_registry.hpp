// The idempotency registry: owns the request_ids of deposits and transfers (those hashed to
// it: one registry per shard), so that a retry gets the first outcome wherever the accounts
// live, also while the first is still in flight (Claims). A new request goes on from here: a
// deposit to its account's owner, a transfer to the transfer coordinator; the registry
// records the outcome, answers, and lets whoever waited behind it through.
#pragma once

#include <caf/actor.hpp>
#include <caf/behavior.hpp>
#include <caf/stateful_actor.hpp>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "actor/actors/actor_pool.hpp"
#include "actor/actors/claims.hpp"
#include "actor/actors/load.hpp"
#include "actor/messages.hpp"
#include "actor/rules.hpp"

namespace archbench::actor {

// What "the same body" is for a deposit: the account in the path and the amount.
struct DepositClaim {
  std::string account;
  ledger::Money amount = 0;
};
struct SameDeposit {
  bool operator()(const DepositClaim& a, const DepositClaim& b) const noexcept {
    return a.account == b.account && a.amount == b.amount;
  }
};
struct SameTransfer {
  bool operator()(const ledger::TransferRequest& a,
                  const ledger::TransferRequest& b) const noexcept {
    return rules::same_transfer(a, b);
  }
};

// What a previous process's journals say about the request_ids of one registry (--journal):
// the deposits and transfers that succeeded, to replay or refuse with 409 as before; and the
// transfers it left debited but not yet credited, which the registry runs again at start (the
// coordinator rolls them forward: every step is idempotent) before it claims them.
struct RestoredClaims {
  std::vector<std::tuple<std::string, DepositClaim, ledger::Deposit>> deposits;
  std::vector<std::pair<ledger::TransferRequest, ledger::Transfer>> transfers;
  std::vector<ledger::TransferRequest> unfinished;
};

struct RegistryState {
  Claims<DepositClaim, ledger::Deposit, SameDeposit> deposits;
  Claims<ledger::TransferRequest, ledger::Transfer, SameTransfer> transfers;
  static inline const char* name = "idempotency-registry";
};

caf::behavior idempotency_registry(caf::stateful_actor<RegistryState>* self,
                                   const std::shared_ptr<const ActorPool>& owners,
                                   const caf::actor& coordinator, ActorLoad* load,
                                   const RestoredClaims& restored);

}  // namespace archbench::actor
