// WRONG ON PURPOSE: a transfer coordinator that answers 503 when a step hits a crashed owner
// and forgets the transfer, as the coordinator did before supervision. The steps are still
// idempotent, so a client that retries repairs it; a client that gives up leaves the debit
// applied and the credit never made: money gone. The supervision scenario must catch it
// (wrong_coordinator_test.cpp); the real coordinator rolls such a transfer forward.
#pragma once

#include <caf/all.hpp>
#include <memory>

#include "actor/actors/actor_pool.hpp"
#include "actor/actors/load.hpp"
#include "actor/messages.hpp"

namespace archbench::actor::wrong {

inline caf::behavior forgetful_coordinator(caf::event_based_actor* self,
                                           const std::shared_ptr<const ActorPool>& owners,
                                           ActorLoad* load) {
  return {
      [self, owners, load](RunTransfer& message) {
        load->count_message();
        load->in_flight.fetch_add(1, std::memory_order_relaxed);
        auto promise = std::make_shared<caf::response_promise>(self->make_response_promise());
        auto request = std::make_shared<ledger::TransferRequest>(std::move(message.request));
        auto answer = [promise, load](TransferOutcome outcome) {
          promise->deliver(TransferDone{std::move(outcome)});
          load->in_flight.fetch_sub(1, std::memory_order_release);
        };
        auto lost = [answer](caf::error&) {
          answer(ledger::Error{ledger::ErrorCode::unavailable, "an actor crashed; retry"});
        };
        const caf::actor target = owners->of(request->to);
        const caf::actor source = owners->of(request->from);
        const ledger::TransferRequest& r = *request;
        self->request(target, caf::infinite,
                      ReserveCredit{r.to, r.amount, r.currency, r.request_id})
            .then(
                [=](StepVerdict& verdict) {
                  if (verdict.refusal) return answer(verdict.refusal->error);
                  self->request(source, caf::infinite, Debit{*request, true})
                      .then(
                          [=](DebitVerdict& debit) {
                            const ledger::TransferRequest& q = *request;
                            if (debit.refusal) {
                              self->send(target, ReleaseCredit{q.to, q.amount, q.request_id});
                              return answer(debit.refusal->error);
                            }
                            self->request(target, caf::infinite,
                                          CommitCredit{q.to, q.from, debit.transfer_id, q.amount,
                                                       q.memo, q.request_id})
                                .then(
                                    [=](Committed) {
                                      answer(ledger::Transfer{.id = debit.transfer_id,
                                                              .from = q.from,
                                                              .to = q.to,
                                                              .amount = q.amount,
                                                              .currency = q.currency});
                                    },
                                    lost);  // the debit is applied: forgotten here
                          },
                          lost);
                },
                lost);
      },
  };
}

}  // namespace archbench::actor::wrong
