// The account actor: the only place an account's balance and history live. It owns a Book and
// answers one message at a time, so the ledger's rules run without a lock. Every change goes
// to its journal before the answer; it starts by replaying that journal, so a restarted one
// (supervisor.hpp) is where its predecessor was.
//
//   --granularity shard:N   N account actors, each owning the accounts hashed to it, each
//                           behind its supervisor (supervisor.hpp)
//   --granularity account   one account actor per account, spawned and supervised by the
//                           directory shard that the account's id hashes to; the directory
//                           forwards each message to it: one hop more, one mailbox per account
//
// Both speak the same protocol (messages.hpp), so nobody else knows which granularity runs.
#pragma once

#include <caf/behavior.hpp>
#include <caf/stateful_actor.hpp>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "actor/actors/book.hpp"
#include "actor/actors/journal.hpp"
#include "actor/actors/load.hpp"

namespace archbench::actor {

// What an owner is started with, and restarted with after a failure.
struct OwnerContext {
  Sequences* ids = nullptr;
  ActorLoad* load = nullptr;  // counts the messages handled (shared by a directory's accounts)
  std::shared_ptr<Journal> journal;
};

// What --chaos throws: a real exception, through CAF, which ends the actor with an error.
struct InjectedCrash : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct AccountActorState {
  std::shared_ptr<Journal> journal;  // shared with the supervisor, which outlives this actor
  Book book;
  bool crash_after_next_write = false;         // armed by Crash{.after_next_write = true}
  static inline const char* name = "account";  // CAF's name for it in logs and errors
};

caf::behavior account_actor(caf::stateful_actor<AccountActorState>* self, OwnerContext context);

// Account mode: the directory owns (spawns, supervises and forwards to) its accounts' actors.
struct DirectoryState {
  struct Account {
    caf::actor actor;
    std::shared_ptr<Journal> journal;  // outlives each of the account's actors
  };
  std::unordered_map<std::string, Account> accounts;   // id -> the account's actor
  std::unordered_map<caf::actor_id, std::string> ids;  // an account actor -> its account
  std::vector<std::string> order;                      // the ids, for Crash.pick
  static inline const char* name = "directory";
};

// Journals read back at start (--journal DIR), by account id.
using RecoveredJournals = std::vector<std::pair<std::string, std::shared_ptr<Journal>>>;

// `load` counts the directory's own messages, `accounts_load` those of its account actors
// (and their restarts). A new account's journal is opened at `place`; `recovered` are the
// accounts a previous process left, started at once.
caf::behavior directory_actor(caf::stateful_actor<DirectoryState>* self, Sequences* ids,
                              ActorLoad* load, ActorLoad* accounts_load, const JournalPlace& place,
                              const RecoveredJournals& recovered);

}  // namespace archbench::actor
