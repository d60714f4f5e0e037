// Start-up with --journal DIR: the journals a previous process left, read back and handed to
// the owners that will replay them, and the id sequences moved past every id they hold (so a
// restarted process never hands out an acc-N, dep-N or tr-N twice). Without DIR: empty
// journals in memory.
//
// DIR also holds `layout` ("shard:4" or "account"): a journal is only meaningful to the owner
// its accounts hash to, so a DIR written with another layout is refused rather than misread.
#pragma once

#include <memory>
#include <vector>

#include "actor/actors/account_actor.hpp"
#include "actor/actors/idempotency_registry.hpp"
#include "actor/actors/journal.hpp"
#include "actor/actors/load.hpp"
#include "actor/options.hpp"

namespace archbench::actor {

struct OpenedJournals {
  std::vector<std::shared_ptr<Journal>> shards;  // shard mode: one per shard
  std::vector<RecoveredJournals> directories;    // account mode: per directory, its accounts'
};

// Throws std::runtime_error (with a message for the user) if DIR cannot be used.
[[nodiscard]] OpenedJournals open_journals(const ActorOptions& options, Sequences& ids);

// Moves the id sequences past every id `journal` holds: what open_journals() does for each file,
// and a front with shard hosts for each host's journal (remote/shard_hosts.hpp).
void move_past_ids(const Journal& journal, Sequences& ids);

// What the journals of a previous process mean for the actors that are not journaled: each
// registry's claims (the idempotency of a retry across the restart, 409 included) and the
// transfers killed between debit and credit (rolled forward at start); and the reservations
// of transfers killed before their debit, released at start (their clients never heard).
struct Reconciled {
  std::vector<RestoredClaims> registries;  // by registry index
  std::vector<ReleaseCredit> stale_reservations;
};
[[nodiscard]] Reconciled reconcile(const OpenedJournals& journals, std::size_t registries);
using Reconcile = Reconciled (*)(const OpenedJournals&, std::size_t registries);

}  // namespace archbench::actor
