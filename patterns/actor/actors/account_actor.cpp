// The account actor's and the directory's behaviours: one handler per message of the protocol.
#include "actor/actors/account_actor.hpp"

#include <caf/all.hpp>
#include <utility>

#include "actor/rules.hpp"
#include "common/ledger/json_codec.hpp"

namespace archbench::actor {

caf::behavior account_actor(caf::stateful_actor<AccountActorState>* self, Sequences* ids,
                            ActorLoad* load) {
  self->state.book = Book(ids);
  Book& book = self->state.book;  // lives as long as the actor, and with it the behaviour
  return {
      [load, &book](OpenAccount& message) {
        load->count_message();
        const std::string id = message.account.id;
        book.open(std::move(message.account));
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
      [load, &book](const ApplyDeposit& message) {
        load->count_message();
        return DepositDone{book.deposit(message.account, message.amount)};
      },
      [load, &book](const ReserveCredit& step) {
        load->count_message();
        return book.reserve_credit(step);
      },
      [load, &book](const Debit& step) {
        load->count_message();
        return book.debit(step);
      },
      [load, &book](const CommitCredit& step) {
        load->count_message();
        book.commit_credit(step);
        return Committed{};
      },
      [load, &book](const ReleaseCredit& step) {
        load->count_message();
        book.release_credit(step);
      },
  };
}

namespace {

using Directory = caf::stateful_actor<DirectoryState>;

// The account's actor, or nothing if no account has this id.
const caf::actor* find(Directory* self, const std::string& id) {
  const auto it = self->state.accounts.find(id);
  return it == self->state.accounts.end() ? nullptr : &it->second;
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

}  // namespace

caf::behavior directory_actor(Directory* self, Sequences* ids, ActorLoad* load,
                              ActorLoad* accounts_load) {
  return {
      [=](OpenAccount& message) {
        load->count_message();
        // Linked: when the directory stops, its accounts stop with it.
        caf::actor account = self->spawn<caf::linked>(account_actor, ids, accounts_load);
        self->state.accounts.emplace(message.account.id, account);
        self->send(account, std::move(message));
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
        if (const caf::actor* account = find(self, step.to)) self->send(*account, std::move(step));
      },
  };
}

}  // namespace archbench::actor
