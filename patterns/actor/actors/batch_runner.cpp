// The batch runner's loop, one item per answer.
#include "actor/actors/batch_runner.hpp"

#include <caf/all.hpp>
#include <utility>

#include "actor/messages.hpp"
#include "actor/rules.hpp"

namespace archbench::actor {
namespace {

using Runner = caf::stateful_actor<BatchState>;

void record(BatchState& state, TransferOutcome outcome) {
  ledger::BatchItemResult& result = state.results[state.next++];
  if (auto* error = std::get_if<ledger::Error>(&outcome)) {
    result.error = std::move(*error);
  } else {
    result.transfer = std::get<ledger::Transfer>(std::move(outcome));
  }
}

void step(Runner* self, const std::shared_ptr<const ActorPool>& registries, ActorLoad* load) {
  BatchState& state = self->state;
  // Items refused without state (not a transfer body, bad amount...) are answered here.
  while (state.next < state.items.size()) {
    auto& item = state.items[state.next];
    if (auto* error = std::get_if<ledger::Error>(&item)) {
      record(state, std::move(*error));
    } else if (auto refusal = rules::check_transfer(std::get<ledger::TransferRequest>(item))) {
      record(state, std::move(*refusal));
    } else {
      break;
    }
  }
  if (state.next == state.items.size()) {
    state.ticket->send(200,
                       [&](std::string& out) { ledger::write_batch_json(state.results, out); });
    state.ticket.reset();
    self->quit();
    return;
  }
  auto& request = std::get<ledger::TransferRequest>(state.items[state.next]);
  const caf::actor& registry = registries->of(request.request_id);
  self->request(registry, caf::infinite, RunTransfer{std::move(request)})
      .then(
          [self, registries, load](TransferDone& done) {
            load->count_message();
            record(self->state, std::move(done.outcome));
            step(self, registries, load);
          },
          [self, registries, load](caf::error& error) {
            record(self->state,
                   ledger::Error{ledger::ErrorCode::unavailable,
                                 "the idempotency registry did not answer (" +
                                     caf::to_string(error) + "); retry with the same request_id"});
            step(self, registries, load);
          });
}

}  // namespace

caf::behavior batch_runner(Runner* self, const std::shared_ptr<BatchItems>& items, Ticket ticket,
                           const std::shared_ptr<const ActorPool>& registries, ActorLoad* load) {
  self->state.items = std::move(*items);
  self->state.results.resize(self->state.items.size());
  self->state.ticket = std::move(ticket);
  step(self, registries, load);
  return {};  // no messages of its own: it lives while it waits for an answer
}

}  // namespace archbench::actor
