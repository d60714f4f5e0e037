// The shard host's supervisor and owner: the account actor, plus what a remote front asks of it.
#include "actor/remote/host_owner.hpp"

#include <atomic>
#include <caf/all.hpp>
#include <memory>
#include <string>
#include <utility>

#include "common/http/response.hpp"
#include "common/ledger/service.hpp"

namespace archbench::actor::remote {
namespace {

// Where a host's own Ticket puts its answer: kept here for the remote request's handler.
class KeptAnswer final : public http::ResponseSink {
 public:
  void complete(http::Response&& response) override {
    answer = RemoteAnswer{response.status, std::move(response.body)};
  }
  std::optional<RemoteAnswer> answer;
};

// Runs `request` (an OpenAccount, GetAccount or ListTransactions) through the account actor's
// own handler, in place, and returns the answer it gave its ticket. The ticket is answered by
// the time the handler returns: the account actor answers these at once, and the message is
// gone then, and with it the ticket's last holder (unanswered, it answers 503 as it goes).
template <class Request>
RemoteAnswer answer_in_place(caf::behavior& accounts, ActorLoad* load, ledger::Route route,
                             Request request) {
  auto sink = std::make_shared<KeptAnswer>();
  load->in_flight.fetch_add(1, std::memory_order_relaxed);
  request.ticket = std::make_shared<PendingCall>(
      ledger::Reply(http::Responder(sink.get(), sink), nullptr, route), *load);
  caf::message message = caf::make_message(std::move(request));
  accounts(message);
  message = caf::message{};
  if (!sink->answer) {  // a handler that kept the ticket: a bug, said as such
    return {500, ledger::error_body(ledger::ErrorCode::internal_error,
                                    "the shard host's account actor kept a ticket")};
  }
  return std::move(*sink->answer);
}

}  // namespace

std::uint64_t next_id_of_host(std::uint64_t restored, std::uint32_t index, std::uint32_t count) {
  const std::uint64_t first = 1 + std::uint64_t{index};
  if (restored <= first) return first;
  const std::uint64_t steps = (restored - first + count - 1) / count;  // rounded up
  return first + steps * count;
}

caf::behavior host_owner(caf::stateful_actor<AccountActorState>* self, OwnerContext context) {
  ActorLoad* load = context.load;
  caf::behavior accounts = account_actor(self, std::move(context));
  caf::message_handler remote{
      [accounts, load](RemoteOpenAccount& request) mutable {
        return answer_in_place(accounts, load, ledger::Route::create_account,
                               OpenAccount{std::move(request.account), nullptr});
      },
      [accounts, load](RemoteGetAccount& request) mutable {
        return answer_in_place(accounts, load, ledger::Route::get_account,
                               GetAccount{std::move(request.id), nullptr});
      },
      [accounts, load](RemoteListTransactions& request) mutable {
        return answer_in_place(accounts, load, ledger::Route::list_transactions,
                               ListTransactions{std::move(request.id), request.limit, nullptr});
      },
  };
  return remote.or_else(accounts);
}

caf::behavior host_supervisor(ShardSupervisor* self, OwnerContext context,
                              std::optional<JoinFront>* joined) {
  Sequences* ids = context.ids;
  caf::behavior supervised = shard_supervisor_of(self, std::move(context), host_owner);
  caf::message_handler remote{
      [ids, joined](const JoinFront& join) -> caf::result<Joined> {
        if (join.count == 0 || join.index >= join.count) {
          return caf::make_error(caf::sec::invalid_argument, "JoinFront: no such shard");
        }
        if (!*joined) {
          // Before any id is taken: the front sends nothing else until this is answered. The
          // counters may already be past a journal's ids (a restarted host): they only move on.
          ids->stride = join.count;
          for (std::atomic<std::uint64_t>* next : {&ids->deposit, &ids->transfer}) {
            next->store(
                next_id_of_host(next->load(std::memory_order_relaxed), join.index, join.count),
                std::memory_order_relaxed);
          }
          *joined = join;
        } else if ((*joined)->index != join.index || (*joined)->count != join.count) {
          return caf::make_error(caf::sec::invalid_argument,
                                 "this shard host already serves as shard " +
                                     std::to_string((*joined)->index) + " of " +
                                     std::to_string((*joined)->count));
        }
        return Joined{};
      },
      delegate_to_child<RemoteOpenAccount>(self),
      delegate_to_child<RemoteGetAccount>(self),
      delegate_to_child<RemoteListTransactions>(self),
  };
  return remote.or_else(supervised);
}

}  // namespace archbench::actor::remote
