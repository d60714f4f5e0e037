// replaces: coordinator.cpp
// caught by: Lab02_Step2_Transfer.CompletesOnASingleSchedulerThread
//
// WRONG: the coordinator asks each step and waits for its answer (a blocking receive through a
// scoped_actor), which reads like the protocol. It even works while the scheduler has a spare
// thread for the account actors to answer on. With one thread, the coordinator holds it while
// it waits: the account never runs, the wait times out, and the transfer fails. With more
// threads it is the same deadlock, only needing as many transfers in flight as threads.
#include <caf/all.hpp>
#include <chrono>
#include <memory>
#include <utility>

#include "coordinator.hpp"

namespace archbench::lab02 {
namespace {

constexpr auto kWait = std::chrono::seconds(1);

// The answer of `to`, waited for on this thread.
template <class Answer, class Message>
std::optional<Answer> ask(caf::scoped_actor& self, const caf::actor& to, Message message) {
  std::optional<Answer> answer;
  self->request(to, kWait, std::move(message))
      .receive([&](Answer& received) { answer = std::move(received); }, [](caf::error&) {});
  return answer;
}

TransferDone run(caf::actor_system& system, const Directory& accounts,
                 const ledger::TransferRequest& r) {
  const auto from = accounts.find(r.from);
  if (from == accounts.end()) return {ledger::refusals::account_not_found(r.from)};
  const auto to = accounts.find(r.to);
  if (to == accounts.end()) return {ledger::refusals::account_not_found(r.to)};
  const ledger::Error lost{ledger::ErrorCode::unavailable, "an account's actor did not answer"};
  caf::scoped_actor self{system};
  const auto reserved = ask<Verdict>(self, to->second, Reserve{r.request_id, r.amount, r.currency});
  if (!reserved) return {lost};
  if (reserved->refusal) {
    const auto source = ask<DebitVerdict>(self, from->second,
                                          Debit{r.request_id, r.amount, r.currency, r.to, false});
    if (!source) return {lost};
    const bool source_first = source->refusal && source->refusal->check < reserved->refusal->check;
    return {source_first ? source->refusal->error : reserved->refusal->error};
  }
  const auto debited =
      ask<DebitVerdict>(self, from->second, Debit{r.request_id, r.amount, r.currency, r.to, true});
  if (!debited || debited->refusal) {
    ask<Released>(self, to->second, Release{r.request_id, r.amount});
    return {debited ? debited->refusal->error : lost};
  }
  if (!ask<Committed>(self, to->second,
                      Commit{r.request_id, debited->transfer_id, r.amount, r.from}))
    return {lost};
  return {ledger::Transfer{.id = debited->transfer_id,
                           .from = r.from,
                           .to = r.to,
                           .amount = r.amount,
                           .currency = r.currency}};
}

}  // namespace

caf::behavior transfer_coordinator(caf::event_based_actor* self,
                                   std::shared_ptr<const Directory> accounts) {
  return {
      [self, accounts = std::move(accounts)](RunTransfer& message) {
        return run(self->system(), *accounts, message.request);
      },
  };
}

}  // namespace archbench::lab02
