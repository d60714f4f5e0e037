// The messages only the front and its shard hosts exchange (--shard-hosts, --role shard-host),
// beside the transfer steps and the deposit of messages.hpp, which cross unchanged.
//
//   front (at start; its link on reconnecting) --JoinFront -> Joined ------>  host's owner
//   front's host link  --RemoteOpenAccount, RemoteGetAccount,
//                        RemoteListTransactions -> RemoteAnswer --------->  host's owner
//   front's actors     --ApplyDeposit, ReserveCredit, Debit, CommitCredit,
//                        ReleaseCredit (through the host link) ---------->  host's owner
//
// OpenAccount, GetAccount and ListTransactions carry a Ticket, the HTTP answer, which cannot
// leave the process that holds the connection: the host link sends their Remote* twins, and
// the host answers with the finished HTTP answer (status and JSON body), which the link hands
// to the ticket.
#pragma once

#include <caf/meta/type_name.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "actor/actors/journal.hpp"
#include "actor/messages.hpp"

namespace archbench::actor::remote {

// The front's first message to a host, on every (re)connection: the host is shard `index` of
// `count`. It numbers deposits and transfers index+1, index+1+count, ... so that two hosts
// never hand out the same `dep-N` or `tr-N`. A host keeps its place for good (in its journal
// directory) and refuses another, and from then on serves only the front that joined last.
struct JoinFront {
  std::uint32_t index = 0;
  std::uint32_t count = 1;
};
// The host's answer: its journal, every change it ever acknowledged. A front that starts reads
// its hosts' journals as a process with --journal reads its own (actors/recovery.hpp): the
// claims of its registries, the acc-N already taken, the transfers a killed front left
// debited and not credited. The hosts are the one truth; the front keeps no state of its own.
struct Joined {
  std::vector<Event> journal;
};

struct RemoteOpenAccount {
  ledger::Account account;
};
struct RemoteGetAccount {
  std::string id;
};
struct RemoteListTransactions {
  std::string id;
  int limit = ledger::kDefaultTransactionLimit;
};
// A finished HTTP answer (always application/json).
struct RemoteAnswer {
  int status = 0;
  std::string body;
};

}  // namespace archbench::actor::remote

namespace archbench::actor {

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, Event& x) {
  wire::Maybe<std::string> memo{x.memo};
  return f(caf::meta::type_name("Event"), x.kind, x.account, x.request_id, x.id, x.counterparty,
           x.currency, x.amount, memo);
}

}  // namespace archbench::actor

namespace archbench::actor::remote {

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, JoinFront& x) {
  return f(caf::meta::type_name("JoinFront"), x.index, x.count);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, Joined& x) {
  return f(caf::meta::type_name("Joined"), x.journal);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, RemoteOpenAccount& x) {
  return f(caf::meta::type_name("RemoteOpenAccount"), x.account);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, RemoteGetAccount& x) {
  return f(caf::meta::type_name("RemoteGetAccount"), x.id);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, RemoteListTransactions& x) {
  return f(caf::meta::type_name("RemoteListTransactions"), x.id, x.limit);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, RemoteAnswer& x) {
  return f(caf::meta::type_name("RemoteAnswer"), x.status, x.body);
}

}  // namespace archbench::actor::remote
