// The shard host's supervisor and owner: the account actor, plus what a remote front asks of it.
#include "actor/remote/host_owner.hpp"

#include <atomic>
#include <caf/all.hpp>
#include <filesystem>
#include <fstream>
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

std::string describe(const JoinFront& place) {
  return "shard " + std::to_string(place.index) + " of " + std::to_string(place.count);
}

// Writes the place next to the journal (a new file renamed over the old, so a kill leaves the
// old or the new, never half of one). False if it cannot.
bool keep_place(const std::string& file, const JoinFront& place) {
  const std::string written = file + ".new";
  {
    std::ofstream out(written, std::ios::trunc);
    out << place.index << " of " << place.count << '\n';
    if (!out.flush()) return false;
  }
  std::error_code error;
  std::filesystem::rename(written, file, error);
  return !error;
}

// The host takes the place `join` asks for, or the error that refuses it. Before any id is
// taken: the front sends nothing else until Joined. The counters may already be past a
// journal's ids (a restarted host): they only move on.
std::optional<caf::error> take_place(Tenancy& tenancy, const JoinFront& join, Sequences& ids) {
  if (join.count == 0 || join.index >= join.count) {
    return caf::make_error(caf::sec::invalid_argument, "JoinFront: no such shard");
  }
  if (tenancy.place && (tenancy.place->index != join.index || tenancy.place->count != join.count)) {
    return caf::make_error(caf::sec::invalid_argument,
                           "this shard host is " + describe(*tenancy.place) +
                               " (its journal's ids are numbered so), not " + describe(join));
  }
  if (!tenancy.place) {
    if (!tenancy.place_file.empty() && !keep_place(tenancy.place_file, join)) {
      return caf::make_error(caf::sec::runtime_error, "cannot write " + tenancy.place_file);
    }
    tenancy.place = join;
  }
  if (!tenancy.numbered) {
    ids.stride = join.count;
    for (std::atomic<std::uint64_t>* next : {&ids.deposit, &ids.transfer}) {
      next->store(next_id_of_host(next->load(std::memory_order_relaxed), join.index, join.count),
                  std::memory_order_relaxed);
    }
    tenancy.numbered = true;
  }
  return std::nullopt;
}

// A request only the front this host serves may make: handed to the owner, or refused.
template <class Message>
auto from_the_front(ShardSupervisor* self, const Tenancy* tenancy) {
  return [self, tenancy](Message& message) {
    // Before the promise, which takes the sender out of the message.
    const bool served = self->current_sender() && self->current_sender()->node() == tenancy->front;
    auto promise = self->make_response_promise();
    if (!served) {
      promise.deliver(
          caf::make_error(caf::sec::invalid_argument, "this shard host serves another front now"));
      return;
    }
    promise.delegate(self->state.child, std::move(message));
  };
}

}  // namespace

Tenancy Tenancy::at(const std::string& journal_dir) {
  Tenancy tenancy;
  if (journal_dir.empty()) return tenancy;
  tenancy.place_file = (std::filesystem::path(journal_dir) / "place").string();
  std::ifstream in(tenancy.place_file);
  JoinFront place;
  std::string of;
  if (in >> place.index >> of >> place.count && of == "of") tenancy.place = place;
  return tenancy;
}

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
      // Everything the supervisor handed on before this is in the journal by now.
      [self](const JoinFront&) { return Joined{self->state.journal->events()}; },
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

caf::behavior host_supervisor(ShardSupervisor* self, OwnerContext context, Tenancy* tenancy) {
  Sequences* ids = context.ids;
  caf::behavior supervised = shard_supervisor_of(self, std::move(context), host_owner);
  caf::message_handler remote{
      [self, ids, tenancy](JoinFront& join) {
        // Before the promise, which takes the sender out of the message.
        const caf::node_id front =
            self->current_sender() ? self->current_sender()->node() : caf::node_id{};
        auto promise = self->make_response_promise();
        if (auto refused = take_place(*tenancy, join, *ids)) {
          promise.deliver(std::move(*refused));
          return;
        }
        tenancy->front = front;
        promise.delegate(self->state.child, join);  // the owner answers with its journal
      },
      from_the_front<RemoteOpenAccount>(self, tenancy),
      from_the_front<RemoteGetAccount>(self, tenancy),
      from_the_front<RemoteListTransactions>(self, tenancy),
      from_the_front<ApplyDeposit>(self, tenancy),
      from_the_front<ReserveCredit>(self, tenancy),
      from_the_front<Debit>(self, tenancy),
      from_the_front<CommitCredit>(self, tenancy),
      from_the_front<ReleaseCredit>(self, tenancy),
  };
  return remote.or_else(supervised);
}

}  // namespace archbench::actor::remote
