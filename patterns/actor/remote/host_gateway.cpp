// The shard host's gateway: remote requests in, the owner's answers out.
#include "actor/remote/host_gateway.hpp"

#include <caf/all.hpp>
#include <memory>
#include <utility>

#include "common/http/response.hpp"
#include "common/ledger/service.hpp"

namespace archbench::actor::remote {
namespace {

using Gateway = caf::stateful_actor<HostGatewayState>;

// Where a host's own Ticket writes its answer: not a connection but a message back to the
// gateway, which delivers it to the front (a promise is delivered on its own actor's thread).
class AnswerToGateway final : public http::ResponseSink {
 public:
  AnswerToGateway(caf::actor gateway, caf::response_promise promise)
      : gateway_(std::move(gateway)), promise_(std::move(promise)) {}
  void complete(http::Response&& response) override {
    caf::anon_send(gateway_, TicketAnswered{std::move(promise_),
                                            RemoteAnswer{response.status, std::move(response.body)}});
  }

 private:
  caf::actor gateway_;
  caf::response_promise promise_;
};

// A Ticket answered into a RemoteAnswer for the request being handled.
Ticket remote_ticket(Gateway* self, ActorLoad* load, ledger::Route route) {
  load->in_flight.fetch_add(1, std::memory_order_relaxed);
  auto sink = std::make_shared<AnswerToGateway>(caf::actor_cast<caf::actor>(self),
                                                self->make_response_promise());
  http::ResponseSlot* slot = sink.get();
  return std::make_shared<PendingCall>(
      ledger::Reply(http::Responder(slot, std::move(sink)), nullptr, route), *load);
}

// A step or a deposit for the owner, who answers the front directly.
template <class Step>
void hand_on(Gateway* self, const caf::actor& owner, ActorLoad* load, Step& step) {
  load->count_message();
  self->make_response_promise().delegate(owner, std::move(step));
}

}  // namespace

caf::behavior host_gateway(Gateway* self, caf::actor owner, Sequences* ids, ActorLoad* load) {
  return {
      [self, ids](const JoinFront& join) -> caf::result<Joined> {
        if (!self->state.joined) {
          // Before any id is taken: the front sends nothing else until this is answered.
          ids->stride = join.count;
          ids->deposit.store(1 + join.index, std::memory_order_relaxed);
          ids->transfer.store(1 + join.index, std::memory_order_relaxed);
          self->state.joined = join;
        } else if (self->state.joined->index != join.index ||
                   self->state.joined->count != join.count) {
          return caf::make_error(caf::sec::invalid_argument,
                                 "this shard host already serves as shard " +
                                     std::to_string(self->state.joined->index) + " of " +
                                     std::to_string(self->state.joined->count));
        }
        return Joined{};
      },
      [self, owner, load](RemoteOpenAccount& request) {
        load->count_message();
        Ticket ticket = remote_ticket(self, load, ledger::Route::create_account);
        self->send(owner, OpenAccount{std::move(request.account), std::move(ticket)});
      },
      [self, owner, load](RemoteGetAccount& request) {
        load->count_message();
        Ticket ticket = remote_ticket(self, load, ledger::Route::get_account);
        self->send(owner, GetAccount{std::move(request.id), std::move(ticket)});
      },
      [self, owner, load](RemoteListTransactions& request) {
        load->count_message();
        Ticket ticket = remote_ticket(self, load, ledger::Route::list_transactions);
        self->send(owner, ListTransactions{std::move(request.id), request.limit, std::move(ticket)});
      },
      [](TicketAnswered& answered) { answered.promise.deliver(std::move(answered.answer)); },
      [=](ApplyDeposit& step) { hand_on(self, owner, load, step); },
      [=](ReserveCredit& step) { hand_on(self, owner, load, step); },
      [=](Debit& step) { hand_on(self, owner, load, step); },
      [=](CommitCredit& step) { hand_on(self, owner, load, step); },
      [=](ReleaseCredit& step) {
        load->count_message();
        self->send(owner, std::move(step));
      },
  };
}

}  // namespace archbench::actor::remote
