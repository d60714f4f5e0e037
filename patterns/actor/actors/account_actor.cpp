// The account actor's and the directory's behaviours: one handler per message of the protocol.
#include "actor/actors/account_actor.hpp"

#include <caf/all.hpp>
#include <utility>

#include "actor/actors/supervisor.hpp"
#include "actor/rules.hpp"
#include "common/ledger/json_codec.hpp"

namespace archbench::actor {
namespace {

using AccountActor = caf::stateful_actor<AccountActorState>;

// --chaos armed this actor to fail between a journal write and its answer: it does now, if
// the change it just handled wrote one (`written_before` is the journal's size before it).
void crash_if_armed(AccountActor* self, const Journal& journal, std::size_t written_before) {
  if (self->state.crash_after_next_write && journal.size() != written_before) {
    throw InjectedCrash("--chaos: crashed after the journal write, before the answer");
  }
}

// An injected crash ends the actor like any exception (its supervisor sees the error), but
// quietly: --chaos makes hundreds. Any other exception is reported as CAF reports it.
caf::error on_exception(caf::scheduled_actor* self, std::exception_ptr& exception) {
  try {
    std::rethrow_exception(exception);
  } catch (const InjectedCrash& crash) {
    return caf::make_error(caf::sec::runtime_error, crash.what());
  } catch (...) {
    return caf::scheduled_actor::default_exception_handler(self, exception);
  }
}

}  // namespace

caf::behavior account_actor(AccountActor* self, OwnerContext context) {
  self->set_exception_handler(on_exception);
  self->state.journal = std::move(context.journal);
  Journal& journal = *self->state.journal;
  self->state.book = Book(context.ids, &journal);
  Book& book = self->state.book;  // lives as long as the actor, and with it the behaviour
  for (const Event& event : journal.events()) book.apply(event);  // where the last one was
  ActorLoad* load = context.load;
  // Each change: decided and journaled by the Book, then (unless --chaos strikes in between)
  // answered. `answer` runs the step and returns what the handler returns.
  auto step = [self, load, &journal](auto&& run) {
    load->count_message();
    const std::size_t before = journal.size();
    auto answer = run();
    crash_if_armed(self, journal, before);
    return answer;
  };
  return {
      [self, load, &book, &journal](OpenAccount& message) {
        load->count_message();
        const std::string id = message.account.id;
        const std::size_t before = journal.size();
        book.open(std::move(message.account));
        crash_if_armed(self, journal, before);
        message.ticket->send(201, [&](std::string& out) { book.write_account(id, out); });
      },
      [load, &book](const GetAccount& message) {
        load->count_message();
        if (!book.holds(message.id))
          return message.ticket->error(rules::account_not_found(message.id));
        message.ticket->send(200, [&](std::string& out) { book.write_account(message.id, out); });
      },
      [load, &book](const ListTransactions& message) {
        load->count_message();
        if (!book.holds(message.id))
          return message.ticket->error(rules::account_not_found(message.id));
        message.ticket->send(200, [&](std::string& out) {
          book.write_transactions(message.id, message.limit, out);
        });
      },
      [step, &book](const ApplyDeposit& message) {
        return step([&] { return DepositDone{book.deposit(message)}; });
      },
      [step, &book](const ReserveCredit& message) {
        return step([&] { return book.reserve_credit(message); });
      },
      [step, &book](const Debit& message) { return step([&] { return book.debit(message); }); },
      [step, &book](const CommitCredit& message) {
        return step([&] {
          book.commit_credit(message);
          return Committed{};
        });
      },
      [step, &book](const ReleaseCredit& message) {
        return step([&] {
          book.release_credit(message);
          return StepVerdict{};
        });
      },
      [self](const Crash& crash) {
        if (!crash.after_next_write) throw InjectedCrash("--chaos: crashed between two messages");
        self->state.crash_after_next_write = true;
      },
  };
}

namespace {

using Directory = caf::stateful_actor<DirectoryState>;

// The account's actor, or nothing if no account has this id.
const caf::actor* find(Directory* self, const std::string& id) {
  const auto it = self->state.accounts.find(id);
  return it == self->state.accounts.end() ? nullptr : &it->second.actor;
}

// A request for an account: handed on to its actor, which answers the original sender
// (CAF's delegate: the answer does not come back through the directory), or refused here.
template <class Message, class Refusal>
void forward(Directory* self, const std::string& id, Message& message, Refusal&& refusal) {
  auto promise = self->make_response_promise();
  if (const caf::actor* account = find(self, id)) {
    promise.delegate(*account, std::move(message));
  } else {
    promise.deliver(std::forward<Refusal>(refusal)());
  }
}

// Starts (or restarts) the actor of account `id`, which replays its journal.
void start_account(Directory* self, const std::string& id, OwnerContext context) {
  caf::actor actor = spawn_supervised(self, account_actor, context);
  self->state.ids[actor.id()] = id;
  self->state.accounts[id].actor = std::move(actor);
}

}  // namespace

caf::behavior directory_actor(Directory* self, Sequences* ids, ActorLoad* load,
                              ActorLoad* accounts_load, const JournalPlace& place,
                              const RecoveredJournals& recovered) {
  for (const auto& [id, journal] : recovered) {
    self->state.accounts[id].journal = journal;
    self->state.order.push_back(id);
    start_account(self, id, {ids, accounts_load, journal});
  }
  // One of its account actors failed: a new one takes its place, from the same journal.
  supervise(self, [=](const caf::actor_addr& failed) {
    const auto it = self->state.ids.find(failed.id());
    if (it == self->state.ids.end()) return false;
    const std::string id = std::move(it->second);
    self->state.ids.erase(it);
    accounts_load->restarts.fetch_add(1, std::memory_order_relaxed);
    start_account(self, id, {ids, accounts_load, self->state.accounts.at(id).journal});
    return true;
  });
  return {
      [=](OpenAccount& message) {
        load->count_message();
        const std::string id = message.account.id;
        std::shared_ptr<Journal> journal;
        try {
          journal = place.open(id);
        } catch (const std::exception& error) {  // the directory stays up; the account is not
          return message.ticket->error({ledger::ErrorCode::internal_error, error.what()});
        }
        self->state.accounts[id].journal = journal;
        self->state.order.push_back(id);
        start_account(self, id, {ids, accounts_load, journal});
        self->send(self->state.accounts.at(id).actor, std::move(message));
      },
      [=](GetAccount& message) {
        load->count_message();
        if (const caf::actor* account = find(self, message.id)) {
          return self->send(*account, std::move(message));
        }
        message.ticket->error(rules::account_not_found(message.id));
      },
      [=](ListTransactions& message) {
        load->count_message();
        if (const caf::actor* account = find(self, message.id)) {
          return self->send(*account, std::move(message));
        }
        message.ticket->error(rules::account_not_found(message.id));
      },
      [=](ApplyDeposit& message) {
        load->count_message();
        const std::string id = message.account;
        forward(self, id, message, [&] { return DepositDone{rules::account_not_found(id)}; });
      },
      [=](ReserveCredit& step) {
        load->count_message();
        const std::string id = step.to;
        forward(self, id, step, [&] {
          return StepVerdict{Refusal{2, rules::account_not_found(id)}};
        });
      },
      [=](Debit& step) {
        load->count_message();
        const std::string id = step.request.from;
        forward(self, id, step, [&] {
          return DebitVerdict{Refusal{1, rules::account_not_found(id)}, {}};
        });
      },
      [=](CommitCredit& step) {
        load->count_message();
        const std::string id = step.to;
        forward(self, id, step, [] { return Committed{}; });
      },
      [=](ReleaseCredit& step) {
        load->count_message();
        const std::string id = step.to;
        forward(self, id, step, [] { return StepVerdict{}; });
      },
      [=](Crash& crash) {
        const auto& order = self->state.order;
        if (order.empty()) return;
        self->send(self->state.accounts.at(order[crash.pick % order.size()]).actor, crash);
      },
  };
}

}  // namespace archbench::actor
