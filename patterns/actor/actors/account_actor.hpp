// The account actor: the only place an account's balance and history live. It owns a Book and
// answers one message at a time, so the ledger's rules run without a lock.
//
//   --granularity shard:N   N account actors, each owning the accounts hashed to it
//   --granularity account   one account actor per account, spawned (and linked) by the
//                           directory shard that the account's id hashes to; the directory
//                           forwards each message to it: one hop more, one mailbox per account
//
// Both speak the same protocol (messages.hpp), so nobody else knows which granularity runs.
#pragma once

#include <caf/behavior.hpp>
#include <caf/stateful_actor.hpp>
#include <string>
#include <unordered_map>

#include "actor/actors/book.hpp"
#include "actor/actors/load.hpp"

namespace archbench::actor {

struct AccountActorState {
  Book book;
  static inline const char* name = "account";  // CAF's name for it in logs and errors
};

// `load` counts the messages handled (shared by the accounts of one directory).
caf::behavior account_actor(caf::stateful_actor<AccountActorState>* self, Sequences* ids,
                            ActorLoad* load);

struct DirectoryState {
  std::unordered_map<std::string, caf::actor> accounts;  // id -> the account's actor
  static inline const char* name = "directory";
};

// `load` counts the directory's own messages, `accounts_load` those of its account actors.
caf::behavior directory_actor(caf::stateful_actor<DirectoryState>* self, Sequences* ids,
                              ActorLoad* load, ActorLoad* accounts_load);

}  // namespace archbench::actor
