// The registry's behaviour: admit, run (one message to the owner or the coordinator), finish.
#include "actor/actors/idempotency_registry.hpp"

#include <caf/all.hpp>
#include <chrono>
#include <utility>

#include "common/ledger/json_codec.hpp"

namespace archbench::actor {
namespace {

// Long enough for the supervisor to have restarted the owner, mostly; see the coordinator's.
constexpr auto kRetryDelay = std::chrono::milliseconds(1);

// A deposit whose owner crashed before answering, to send again (to the registry itself).
struct RetryDeposit {
  std::string request_id;
  DepositClaim claim;
};

}  // namespace
}  // namespace archbench::actor

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::actor::RetryDeposit)

namespace archbench::actor {
namespace {

using Registry = caf::stateful_actor<RegistryState>;

ledger::Error lost(std::string_view what, const caf::error& error) {
  return {ledger::ErrorCode::unavailable, std::string(what) + " did not answer (" +
                                              caf::to_string(error) +
                                              "); retry with the same request_id"};
}

// Runs the deposit in flight under `request_id` (and, if it is refused, the next in line).
// If the owner crashed before answering, the deposit may or may not be in its journal: the
// client is told 503 now, the request_id stays in flight, and ApplyDeposit goes again (it is
// idempotent) until the restarted owner says which; a retry waits for that answer.
void run_deposit(Registry* self, const std::shared_ptr<const ActorPool>& owners,
                 const std::string& request_id, const DepositClaim& claim) {
  auto finish = [self, owners, request_id](const DepositOutcome& outcome) {
    if (auto next = self->state.deposits.finish(request_id, outcome)) {
      run_deposit(self, owners, request_id, *next);
    }
  };
  self->request(owners->of(claim.account), caf::infinite,
                ApplyDeposit{claim.account, claim.amount, request_id})
      .then([finish](DepositDone& done) { finish(done.outcome); },
            [self, request_id, claim](caf::error& error) {
              self->state.deposits.answer_early(request_id, lost("the account's actor", error));
              self->delayed_send(self, kRetryDelay, RetryDeposit{request_id, claim});
            });
}

void run_transfer(Registry* self, const caf::actor& coordinator,
                  const ledger::TransferRequest& request) {
  auto finish = [self, coordinator,
                 request_id = request.request_id](const TransferOutcome& outcome) {
    if (auto next = self->state.transfers.finish(request_id, outcome)) {
      run_transfer(self, coordinator, *next);
    }
  };
  self->request(coordinator, caf::infinite, RunTransfer{request})
      .then([finish](TransferDone& done) { finish(done.outcome); },
            [finish](caf::error& error) { finish(lost("the transfer coordinator", error)); });
}

void submit_transfer(Registry* self, const caf::actor& coordinator,
                     const ledger::TransferRequest& request,
                     std::function<void(const TransferOutcome&)> answer) {
  const std::string request_id = request.request_id;
  if (self->state.transfers.admit(request_id, request, std::move(answer))) {
    run_transfer(self, coordinator, request);
  }
}

}  // namespace

caf::behavior idempotency_registry(Registry* self, const std::shared_ptr<const ActorPool>& owners,
                                   const caf::actor& coordinator, ActorLoad* load,
                                   const RestoredClaims& restored) {
  for (const auto& [request_id, claim, deposit] : restored.deposits) {
    self->state.deposits.restore(request_id, claim, deposit);
  }
  for (const auto& [request, transfer] : restored.transfers) {
    self->state.transfers.restore(request.request_id, request, transfer);
  }
  for (const ledger::TransferRequest& request : restored.unfinished) {
    submit_transfer(self, coordinator, request, [](const TransferOutcome&) {});
  }
  return {
      [=](SubmitDeposit& message) {
        load->count_message();
        DepositClaim claim{std::move(message.account), message.request.amount};
        auto answer = [ticket = std::move(message.ticket)](const DepositOutcome& outcome) {
          if (const auto* error = std::get_if<ledger::Error>(&outcome)) {
            return ticket->error(*error);
          }
          ticket->send(201, [&](std::string& out) {
            ledger::write_json(std::get<ledger::Deposit>(outcome), out);
          });
        };
        const std::string& request_id = message.request.request_id;
        if (self->state.deposits.admit(request_id, claim, std::move(answer))) {
          run_deposit(self, owners, request_id, claim);
        }
      },
      [=](SubmitTransfer& message) {
        load->count_message();
        submit_transfer(self, coordinator, message.request,
                        [ticket = std::move(message.ticket)](const TransferOutcome& outcome) {
                          if (const auto* error = std::get_if<ledger::Error>(&outcome)) {
                            return ticket->error(*error);
                          }
                          ticket->send(201, [&](std::string& out) {
                            ledger::write_json(std::get<ledger::Transfer>(outcome), out);
                          });
                        });
      },
      [=](RetryDeposit& retry) { run_deposit(self, owners, retry.request_id, retry.claim); },
      // A step of this transfer hit a crashed owner: its client hears 503 now, the real
      // outcome comes later (TransferDone) and goes to whoever retries meanwhile.
      [=](const TransferInDoubt& doubt) {
        self->state.transfers.answer_early(
            doubt.request_id, {ledger::ErrorCode::unavailable,
                               "an account's actor failed during this transfer and is being "
                               "restarted; retry with the same request_id for its outcome"});
      },
      // A batch's item: answered to the batch runner rather than to an HTTP client.
      [=](RunTransfer& message) {
        load->count_message();
        auto promise = self->make_response_promise();
        submit_transfer(self, coordinator, message.request,
                        [promise](const TransferOutcome& outcome) mutable {
                          promise.deliver(TransferDone{outcome});
                        });
      },
  };
}

}  // namespace archbench::actor
