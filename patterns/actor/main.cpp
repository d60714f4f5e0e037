// archbench-actor: the ledger as actors on CAF behind the shared HTTP front. Our own main (not
// CAF_MAIN, which always exits 0): the shared run_backend() and the actor backend's options.
//
//   --role front       (default) the HTTP server; its account actors in this process, or in
//                      shard hosts (--shard-hosts, --spawn-shard-hosts)
//   --role shard-host  no HTTP: owns one shard for a front, over CAF's middleman
//                      (remote/shard_host.hpp, its own options: --role shard-host --help)
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "actor/options.hpp"
#include "actor/remote/front.hpp"
#include "actor/remote/shard_host.hpp"
#include "common/server/backend_main.hpp"

int main(int argc, char** argv) {
  using namespace archbench::actor;
  if (remote::is_shard_host(argc, argv)) return remote::run_shard_host(argc, argv);
  ActorOptions options = default_options();
  std::string role = "front";
  std::size_t spawn_shard_hosts = 0;
  std::string granularity = "shard:" + std::to_string(options.shards);
  std::string chaos;
  return archbench::run_backend(
      argc, argv,
      {.name = "actor",
       .summary = "each account owned by an actor, transfers as a message protocol (CAF)",
       .add_options =
           [&](CLI::App& app) {
             app.add_option("--granularity", granularity,
                            "account (one actor per account) or shard:N (accounts hashed over N "
                            "actors)")
                 ->capture_default_str();
             app.add_option("--max-in-flight", options.max_in_flight,
                            "requests one actor may hold unanswered; past it 503 overloaded")
                 ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20))
                 ->capture_default_str();
             app.add_option("--actor-threads", options.threads, "CAF scheduler threads")
                 ->check(CLI::Range(std::size_t{1}, std::size_t{256}))
                 ->capture_default_str();
             app.add_option("--scheduler", options.scheduler,
                            "CAF scheduler: stealing (idle threads poll) or sharing (idle "
                            "threads sleep: what scripts/callgrind counts exactly)")
                 ->check(CLI::IsMember({"stealing", "sharing"}))
                 ->capture_default_str();
             app.add_option("--journal", options.journal_dir,
                            "also write each account actor's journal to DIR (a file per shard, "
                            "or per account), so that a restart of the process recovers every "
                            "acknowledged change; without it the journals are in memory and "
                            "survive only an actor's restart. With --spawn-shard-hosts each "
                            "host journals to DIR/host-I (with --shard-hosts: give it to the "
                            "hosts)");
             app.add_flag("--journal-sync", options.journal_sync,
                          "fdatasync each journal record before answering (durable through a "
                          "power loss; without it, through a kill -9 of the process)");
             app.add_option("--chaos", chaos,
                            "fault injection, off by default: crash-every=MS makes a random "
                            "account actor throw every MS milliseconds (its supervisor "
                            "restarts it from its journal); handed to --spawn-shard-hosts' "
                            "hosts");
             app.add_option("--role", role,
                            "front (this HTTP server) or shard-host (owns one shard for a "
                            "front, over CAF's middleman: see --role shard-host --help)")
                 ->check(CLI::IsMember({"front", "shard-host"}))
                 ->capture_default_str();
             app.add_option("--shard-hosts", options.shard_hosts,
                            "HOST:PORT,...: the account actors live in these shard hosts, one "
                            "shard each; requests for a host that is down answer 503");
             app.add_option("--spawn-shard-hosts", spawn_shard_hosts,
                            "start N shard hosts as child processes on free loopback ports and "
                            "front them (stopped with this one)")
                 ->check(CLI::Range(std::size_t{1}, std::size_t{64}));
           },
       .make_service =
           [&] {
             parse_granularity(granularity, options);
             if (!chaos.empty()) parse_chaos(chaos, options);
             return remote::make_actor_service(options, spawn_shard_hosts);
           }});
}
