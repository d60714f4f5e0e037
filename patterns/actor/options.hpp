// The actor backend's own command-line options (beside the transport's, see run_backend).
#pragma once

#include <cstddef>
#include <string>

namespace archbench::actor {

enum class Granularity {
  account,  // one actor per account, behind directory shards
  shard,    // accounts hashed over `shards` actors
};

struct ActorOptions {
  Granularity granularity = Granularity::shard;
  // Account actors in shard mode, directories in account mode; also the number of
  // idempotency registries and transfer coordinators.
  std::size_t shards = 1;
  // Requests one actor may hold unanswered before the next one is refused with 503
  // `overloaded`: what bounds every mailbox, and so the memory, under overload.
  std::size_t max_in_flight = 1024;
  std::size_t threads = 1;  // CAF's scheduler threads
  // CAF's scheduler: "stealing" (its default: a queue per thread, idle threads poll and steal)
  // or "sharing" (one queue, idle threads sleep: slower, but what callgrind can count exactly).
  std::string scheduler = "stealing";
  // Where the journals are also written as files (empty: in memory only), and whether each
  // record is fdatasync'ed (durable through power loss, not only through kill -9).
  std::string journal_dir{};
  bool journal_sync = false;
  // --chaos crash-every=MS: every MS milliseconds a random account actor throws (0: never).
  std::size_t chaos_crash_every_ms = 0;
  // --shard-hosts "HOST:PORT,...": the account actors live in those processes (remote/), one
  // shard per host, and this one is their front. Empty: everything in this process.
  std::string shard_hosts;
};

// The defaults for this machine: one shard and one scheduler thread per core.
[[nodiscard]] ActorOptions default_options();

// "account" or "shard:N" (N from 1 to 4096) into `options`; throws std::invalid_argument
// with a message for the user otherwise.
void parse_granularity(const std::string& text, ActorOptions& options);

// "crash-every=MS" (MS from 1 to 3600000) into `options`; throws std::invalid_argument otherwise.
void parse_chaos(const std::string& text, ActorOptions& options);

}  // namespace archbench::actor
