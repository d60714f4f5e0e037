// Lab 02, the reference: step 2, the transfer protocol as request/then continuations. Each
// step runs when the previous one's answer arrives; in between, the coordinator serves other
// transfers.
#include "coordinator.hpp"

#include <caf/all.hpp>
#include <memory>
#include <utility>

namespace archbench::lab02 {
namespace {

using Self = caf::event_based_actor;

// One transfer from step 1 to its answer, shared by the continuations of its steps.
struct Run {
  ledger::TransferRequest request;
  caf::actor from;
  caf::actor to;
  caf::response_promise promise;

  void answer(std::variant<ledger::Transfer, ledger::Error> outcome) {
    promise.deliver(TransferDone{std::move(outcome)});
  }
  void answer_lost(const caf::error& error) {
    answer(ledger::Error{ledger::ErrorCode::unavailable,
                         "an account's actor did not answer (" + caf::to_string(error) + ")"});
  }
};
using RunPtr = std::shared_ptr<Run>;

void commit(Self* self, const RunPtr& run, const std::string& transfer_id) {
  const ledger::TransferRequest& r = run->request;
  self->request(run->to, caf::infinite, Commit{r.request_id, transfer_id, r.amount, r.from})
      .then(
          [run, transfer_id](Committed) {
            const ledger::TransferRequest& done = run->request;
            run->answer(ledger::Transfer{.id = transfer_id,
                                         .from = done.from,
                                         .to = done.to,
                                         .amount = done.amount,
                                         .currency = done.currency});
          },
          // The debit is applied and the credit is not: only a crashed actor gets here, and
          // only a supervisor that restarts it from a journal could finish the transfer.
          [run](caf::error& error) { run->answer_lost(error); });
}

// The compensation: the reservation of step 1 is dropped, then `outcome` is answered.
void release(Self* self, const RunPtr& run,
             const std::variant<ledger::Transfer, ledger::Error>& outcome) {
  self->request(run->to, caf::infinite, Release{run->request.request_id, run->request.amount})
      .then([run, outcome](Released) { run->answer(outcome); },
            [run](caf::error& error) { run->answer_lost(error); });
}

void debit(Self* self, const RunPtr& run) {
  const ledger::TransferRequest& r = run->request;
  self->request(run->from, caf::infinite, Debit{r.request_id, r.amount, r.currency, r.to, true})
      .then(
          [self, run](DebitVerdict& verdict) {
            if (verdict.refusal) return release(self, run, std::move(verdict.refusal->error));
            commit(self, run, std::move(verdict.transfer_id));
          },
          [self, run](caf::error& error) {
            release(
                self, run,
                ledger::Error{ledger::ErrorCode::unavailable,
                              "the source's actor did not answer (" + caf::to_string(error) + ")"});
          });
}

// Step 1 was refused: the source's own checks decide which refusal comes first.
void refuse(Self* self, const RunPtr& run, const Refusal& refusal) {
  const ledger::TransferRequest& r = run->request;
  self->request(run->from, caf::infinite, Debit{r.request_id, r.amount, r.currency, r.to, false})
      .then(
          [run, refusal](DebitVerdict& verdict) {
            const bool source_first = verdict.refusal && verdict.refusal->check < refusal.check;
            run->answer(source_first ? verdict.refusal->error : refusal.error);
          },
          [run](caf::error& error) { run->answer_lost(error); });
}

}  // namespace

caf::behavior transfer_coordinator(Self* self, std::shared_ptr<const Directory> accounts) {
  return {
      [self, accounts = std::move(accounts)](RunTransfer& message) {
        auto run = std::make_shared<Run>();
        run->request = std::move(message.request);
        run->promise = self->make_response_promise();
        const ledger::TransferRequest& r = run->request;
        const auto from = accounts->find(r.from);
        if (from == accounts->end())
          return run->answer(ledger::refusals::account_not_found(r.from));
        const auto to = accounts->find(r.to);
        if (to == accounts->end()) return run->answer(ledger::refusals::account_not_found(r.to));
        run->from = from->second;
        run->to = to->second;
        self->request(run->to, caf::infinite, Reserve{r.request_id, r.amount, r.currency})
            .then(
                [self, run](Verdict& verdict) {
                  if (verdict.refusal) return refuse(self, run, std::move(*verdict.refusal));
                  debit(self, run);
                },
                [run](caf::error& error) { run->answer_lost(error); });
      },
  };
}

}  // namespace archbench::lab02
