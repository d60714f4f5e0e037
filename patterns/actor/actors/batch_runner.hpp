// One POST /transfers/batch: a short-lived actor that walks the items in order, each one sent
// to its request_id's registry exactly as a single transfer, the next only once the previous
// has its answer (the contract applies them one by one: item 2 sees item 1's debit). Answers
// the whole batch through its ticket, then stops.
#pragma once

#include <caf/behavior.hpp>
#include <caf/stateful_actor.hpp>
#include <memory>
#include <vector>

#include "actor/actors/actor_pool.hpp"
#include "actor/actors/load.hpp"
#include "actor/ticket.hpp"
#include "common/ledger/json_codec.hpp"

namespace archbench::actor {

struct BatchState {
  std::vector<ledger::Parsed<ledger::TransferRequest>> items;
  std::vector<ledger::BatchItemResult> results;
  std::size_t next = 0;
  Ticket ticket;
  static inline const char* name = "batch-runner";
};

using BatchItems = std::vector<ledger::Parsed<ledger::TransferRequest>>;

// `items` is moved from (a shared_ptr: CAF copies spawn arguments, a batch can be 10,000 items).
caf::behavior batch_runner(caf::stateful_actor<BatchState>* self,
                           const std::shared_ptr<BatchItems>& items, Ticket ticket,
                           const std::shared_ptr<const ActorPool>& registries, ActorLoad* load);

}  // namespace archbench::actor
