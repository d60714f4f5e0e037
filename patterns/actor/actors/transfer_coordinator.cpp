// The transfer protocol as CAF request/then continuations: each step runs when the previous
// one's answer arrives, and the coordinator serves other transfers in between.
//
// A step that hits a crashed owner (CAF answers the request with an error) is sent again, a
// moment later, until the restarted owner answers it: every step is idempotent by the
// transfer's request_id, and applied or not before the crash, the owner's journal knows. So a
// transfer always ends as one of the protocol's two ends, all applied or nothing visible:
// rolled forward once the debit is applied, released if it was refused. Its client is told
// 503 at the first such error (TransferInDoubt to the registry, which keeps the request_id
// in flight until the real outcome arrives, and gives that to a retry).
#include "actor/actors/transfer_coordinator.hpp"

#include <caf/all.hpp>
#include <chrono>
#include <functional>
#include <utility>

#include "actor/messages.hpp"

namespace archbench::actor {
namespace {

// Long enough for the supervisor to have restarted the owner, mostly (~tens of µs, see
// docs/patterns/actor.md); short enough that a transfer in doubt is not in doubt for long.
constexpr auto kRetryDelay = std::chrono::milliseconds(1);

// A step to send again: to the coordinator itself, after kRetryDelay.
struct RetryStep {
  std::function<void()> again;
};

}  // namespace
}  // namespace archbench::actor

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::actor::RetryStep)

namespace archbench::actor {
namespace {

using Self = caf::event_based_actor;

// The refusal whose check comes first in the contract's order.
ledger::Error first_refusal(const std::optional<Refusal>& a, const std::optional<Refusal>& b) {
  if (!a) return b->error;
  if (!b) return a->error;
  return a->check < b->check ? a->error : b->error;
}

// One transfer from step 1 to its answer. Shared by the continuations of its steps.
struct Run {
  ledger::TransferRequest request;
  caf::response_promise promise;
  caf::actor registry;        // who asked: told if the transfer is in doubt
  caf::actor source;          // the owner of `from`
  caf::actor target;          // the owner of `to`
  ActorLoad* load = nullptr;  // counts the transfer in flight until it is answered
  bool in_doubt = false;

  void answer(TransferOutcome outcome) {
    promise.deliver(TransferDone{std::move(outcome)});
    load->in_flight.fetch_sub(1, std::memory_order_release);
  }
};
using RunPtr = std::shared_ptr<Run>;

// `step` hit a dead owner: the client hears 503 now (once), the step goes again shortly.
void retry(Self* self, const RunPtr& run, std::function<void()> step) {
  if (!run->in_doubt) {
    run->in_doubt = true;
    self->send(run->registry, TransferInDoubt{run->request.request_id});
  }
  self->delayed_send(self, kRetryDelay, RetryStep{std::move(step)});
}

void commit(Self* self, const RunPtr& run, const std::string& id) {
  const ledger::TransferRequest& r = run->request;
  self->request(run->target, caf::infinite,
                CommitCredit{r.to, r.from, id, r.amount, r.memo, r.request_id})
      .then(
          [run, id](Committed) {
            const ledger::TransferRequest& done = run->request;
            run->answer(ledger::Transfer{.id = id,
                                         .from = done.from,
                                         .to = done.to,
                                         .amount = done.amount,
                                         .currency = done.currency});
          },
          // The debit is applied: the credit must follow, whatever it takes.
          [self, run, id](caf::error&) { retry(self, run, [=] { commit(self, run, id); }); });
}

// Step 2 refused: the reservation is released, and only then is the refusal answered (a
// retry of the same request_id must not find it, nor see it vanish under its own step 1).
void release(Self* self, const RunPtr& run, const ledger::Error& refusal) {
  const ledger::TransferRequest& r = run->request;
  self->request(run->target, caf::infinite, ReleaseCredit{r.to, r.amount, r.request_id})
      .then([run, refusal](const StepVerdict&) { run->answer(refusal); },
            [self, run, refusal](caf::error&) {
              retry(self, run, [=] { release(self, run, refusal); });
            });
}

void debit(Self* self, const RunPtr& run) {
  self->request(run->source, caf::infinite, Debit{run->request, true})
      .then(
          [self, run](DebitVerdict& verdict) {
            if (verdict.refusal) return release(self, run, verdict.refusal->error);
            commit(self, run, verdict.transfer_id);
          },
          [self, run](caf::error&) { retry(self, run, [=] { debit(self, run); }); });
}

// Step 1 was refused: the source's own checks decide which refusal the client sees.
void refuse(Self* self, const RunPtr& run, const Refusal& refusal) {
  self->request(run->source, caf::infinite, Debit{run->request, false})
      .then([run, refusal](
                DebitVerdict& verdict) { run->answer(first_refusal(verdict.refusal, refusal)); },
            [self, run, refusal](caf::error&) {
              retry(self, run, [=] { refuse(self, run, refusal); });
            });
}

void reserve(Self* self, const RunPtr& run) {
  const ledger::TransferRequest& r = run->request;
  self->request(run->target, caf::infinite, ReserveCredit{r.to, r.amount, r.currency, r.request_id})
      .then(
          [self, run](StepVerdict& verdict) {
            if (verdict.refusal) return refuse(self, run, *verdict.refusal);
            debit(self, run);
          },
          [self, run](caf::error&) { retry(self, run, [=] { reserve(self, run); }); });
}

}  // namespace

caf::behavior transfer_coordinator(Self* self, const std::shared_ptr<const ActorPool>& owners,
                                   ActorLoad* load) {
  return {
      [self, owners, load](RunTransfer& message) {
        load->count_message();
        load->in_flight.fetch_add(1, std::memory_order_relaxed);
        auto run = std::make_shared<Run>();
        run->load = load;
        run->registry = caf::actor_cast<caf::actor>(self->current_sender());
        run->source = owners->of(message.request.from);
        run->target = owners->of(message.request.to);
        run->request = std::move(message.request);
        run->promise = self->make_response_promise();
        reserve(self, run);
      },
      [](RetryStep& retry) { retry.again(); },
  };
}

}  // namespace archbench::actor
