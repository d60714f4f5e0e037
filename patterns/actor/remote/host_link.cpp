// The front's link to one shard host: tickets kept here, everything else sent on.
#include "actor/remote/host_link.hpp"

#include <caf/all.hpp>
#include <caf/io/all.hpp>
#include <set>
#include <string>
#include <utility>

#include "actor/messages.hpp"
#include "actor/remote/protocol.hpp"

namespace archbench::actor::remote {
namespace {

using Link = caf::stateful_actor<HostLinkState>;

ledger::Error unreachable(const Link* self, std::string_view why) {
  return {ledger::ErrorCode::unavailable, "the shard host " + self->state.config.address.text() +
                                              " that owns this account " + std::string(why) +
                                              "; retry with the same request_id"};
}

// Asks CAF's middleman for the host again (it connects, or answers from its cache while the
// old connection is alive), then joins it: from then on requests go to it again. Requests
// that come meanwhile answer 503 at once rather than wait for a host that may not come back.
void reconnect(Link* self) {
  HostLinkState& state = self->state;
  if (state.connecting) return;
  state.connecting = true;
  const HostLinkConfig& config = state.config;
  auto failed = [self](caf::error&) { self->state.connecting = false; };
  self->request(self->home_system().middleman().actor_handle(), config.timeout,
                caf::connect_atom::value, config.address.host, config.address.port)
      .then(
          [self, failed](caf::node_id&, caf::strong_actor_ptr& owner, std::set<std::string>&) {
            if (!owner) {
              self->state.connecting = false;
              return;
            }
            auto host = caf::actor_cast<caf::actor>(std::move(owner));
            const HostLinkConfig& c = self->state.config;
            self->request(host, c.timeout, JoinFront{c.index, c.count})
                .then(
                    // A host back under a living front: its journal is not needed here (this
                    // front's coordinators finish their own transfers).
                    [self, host](const Joined&) {
                      self->monitor(host);
                      self->state.host = host;
                      self->state.connecting = false;
                    },
                    failed);
          },
          failed);
}

// The host, or null after starting a reconnection.
const caf::actor* connected(Link* self) {
  if (self->state.host) return &self->state.host;
  reconnect(self);
  return nullptr;
}

// A request that carries the HTTP answer: its Remote* twin goes to the host, the ticket waits.
template <class Request>
void ask_with_ticket(Link* self, Request request, const Ticket& ticket) {
  const caf::actor* host = connected(self);
  if (host == nullptr) return ticket->error(unreachable(self, "is unreachable"));
  self->request(*host, self->state.config.timeout, std::move(request))
      .then(
          [self, ticket](RemoteAnswer& answer) {
            // The host's own 503 (its actor stopped) needs this side's Retry-After header.
            if (answer.status == 503) return ticket->error(unreachable(self, "stopped"));
            ticket->send(answer.status, [&](std::string& out) { out.append(answer.body); });
          },
          [self, ticket](const caf::error& error) {
            ticket->error(unreachable(self, "did not answer (" + caf::to_string(error) + ")"));
          });
}

// A request answered with `Answer`: sent on, its answer (or the failure) passed back.
template <class Answer, class Step>
void forward(Link* self, Step& step) {
  auto promise = self->make_response_promise();
  const caf::actor* host = connected(self);
  if (host == nullptr) {
    promise.deliver(caf::make_error(caf::sec::request_receiver_down,
                                    "shard host " + self->state.config.address.text()));
    return;
  }
  self->request(*host, self->state.config.timeout, std::move(step))
      .then([promise](Answer& answer) mutable { promise.deliver(std::move(answer)); },
            [promise](caf::error& error) mutable { promise.deliver(std::move(error)); });
}

}  // namespace

caf::behavior host_link(Link* self, HostLinkConfig config, caf::actor host, ActorLoad* load) {
  self->state.config = std::move(config);
  self->state.host = std::move(host);
  self->monitor(self->state.host);
  self->set_down_handler([self](const caf::down_msg& down) {
    // The host's process or connection is gone: the middleman reports it as its proxy's end.
    if (self->state.host && down.source == self->state.host.address()) self->state.host = nullptr;
  });
  return {
      [self, load](OpenAccount& message) {
        load->count_message();
        ask_with_ticket(self, RemoteOpenAccount{std::move(message.account)}, message.ticket);
      },
      [self, load](GetAccount& message) {
        load->count_message();
        ask_with_ticket(self, RemoteGetAccount{std::move(message.id)}, message.ticket);
      },
      [self, load](ListTransactions& message) {
        load->count_message();
        ask_with_ticket(self, RemoteListTransactions{std::move(message.id), message.limit},
                        message.ticket);
      },
      [self, load](ApplyDeposit& step) {
        load->count_message();
        forward<DepositDone>(self, step);
      },
      [self, load](ReserveCredit& step) {
        load->count_message();
        forward<StepVerdict>(self, step);
      },
      [self, load](Debit& step) {
        load->count_message();
        forward<DebitVerdict>(self, step);
      },
      [self, load](CommitCredit& step) {
        load->count_message();
        forward<Committed>(self, step);
      },
      [self, load](ReleaseCredit& step) {
        load->count_message();
        forward<StepVerdict>(self, step);
      },
  };
}

}  // namespace archbench::actor::remote
