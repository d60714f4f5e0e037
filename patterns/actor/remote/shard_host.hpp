// `archbench-actor --role shard-host`: a process that owns shards of the ledger for a front
// elsewhere (`archbench-actor --shard-hosts HOST:PORT,...`). It serves no HTTP: it publishes
// its account actor (remote/host_owner.hpp) on --port through CAF's middleman, prints the same
// "listening on HOST:PORT" line as every backend, and stops cleanly on SIGINT or SIGTERM.
//
// One host is one shard: one account actor owning every account the front hashes to it.
#pragma once

namespace archbench::actor::remote {

// True if the command line asks for this role (--role shard-host): main() then runs
// run_shard_host() instead of the HTTP backend.
[[nodiscard]] bool is_shard_host(int argc, char** argv);

// The shard host's main(): its own options, the actor system, publish, wait for a signal.
int run_shard_host(int argc, char** argv);

}  // namespace archbench::actor::remote
