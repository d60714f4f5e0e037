// The transfer protocol as CAF request/then continuations: each step runs when the previous
// one's answer arrives, and the coordinator serves other transfers in between.
#include "actor/actors/transfer_coordinator.hpp"

#include <caf/all.hpp>
#include <utility>

#include "actor/messages.hpp"

namespace archbench::actor {
namespace {

// The refusal whose check comes first in the contract's order.
ledger::Error first_refusal(const std::optional<Refusal>& a, const std::optional<Refusal>& b) {
  if (!a) return b->error;
  if (!b) return a->error;
  return a->check < b->check ? a->error : b->error;
}

ledger::Error lost(const caf::error& error) {
  return {ledger::ErrorCode::unavailable, "an account's actor did not answer (" +
                                              caf::to_string(error) +
                                              "); retry with the same request_id"};
}

// One transfer from step 1 to its answer. Shared by the continuations of its steps.
struct Run {
  ledger::TransferRequest request;
  caf::response_promise promise;
  caf::actor source;          // the owner of `from`
  caf::actor target;          // the owner of `to`
  ActorLoad* load = nullptr;  // counts the transfer in flight until it is answered

  void answer(TransferOutcome outcome) {
    promise.deliver(TransferDone{std::move(outcome)});
    load->in_flight.fetch_sub(1, std::memory_order_release);
  }
};

void commit(caf::event_based_actor* self, const std::shared_ptr<Run>& run, const std::string& id) {
  const ledger::TransferRequest& r = run->request;
  self->request(run->target, caf::infinite, CommitCredit{r.to, r.from, id, r.amount, r.memo})
      .then(
          [run, id](Committed) {
            const ledger::TransferRequest& done = run->request;
            run->answer(ledger::Transfer{.id = id,
                                         .from = done.from,
                                         .to = done.to,
                                         .amount = done.amount,
                                         .currency = done.currency});
          },
          // The debit is applied and the credit is not: only a crashed account actor gets
          // here, which supervision (not built yet, docs/patterns/actor.md) has to repair.
          [run](caf::error& error) { run->answer(lost(error)); });
}

void debit(caf::event_based_actor* self, const std::shared_ptr<Run>& run) {
  self->request(run->source, caf::infinite, Debit{run->request, true})
      .then(
          [self, run](DebitVerdict& verdict) {
            if (verdict.refusal) {  // compensation: give the reserved room back
              self->send(run->target, ReleaseCredit{run->request.to, run->request.amount});
              return run->answer(std::move(verdict.refusal->error));
            }
            commit(self, run, verdict.transfer_id);
          },
          [self, run](caf::error& error) {
            self->send(run->target, ReleaseCredit{run->request.to, run->request.amount});
            run->answer(lost(error));
          });
}

// Step 1 was refused: the source's own checks decide which refusal the client sees.
void refuse(caf::event_based_actor* self, const std::shared_ptr<Run>& run, const Refusal& refusal) {
  self->request(run->source, caf::infinite, Debit{run->request, false})
      .then([run, refusal](
                DebitVerdict& verdict) { run->answer(first_refusal(verdict.refusal, refusal)); },
            [run](caf::error& error) { run->answer(lost(error)); });
}

}  // namespace

caf::behavior transfer_coordinator(caf::event_based_actor* self,
                                   const std::shared_ptr<const ActorPool>& owners,
                                   ActorLoad* load) {
  return {
      [self, owners, load](RunTransfer& message) {
        load->count_message();
        load->in_flight.fetch_add(1, std::memory_order_relaxed);
        auto run = std::make_shared<Run>();
        run->load = load;
        run->source = owners->of(message.request.from);
        run->target = owners->of(message.request.to);
        run->request = std::move(message.request);
        run->promise = self->make_response_promise();
        const ledger::TransferRequest& r = run->request;
        self->request(run->target, caf::infinite, ReserveCredit{r.to, r.amount, r.currency})
            .then(
                [self, run](StepVerdict& verdict) {
                  if (verdict.refusal) return refuse(self, run, *verdict.refusal);
                  debit(self, run);
                },
                [run](caf::error& error) { run->answer(lost(error)); });
      },
  };
}

}  // namespace archbench::actor
