// The shard host process.
#include "actor/remote/shard_host.hpp"

#include <CLI/CLI.hpp>
#include <caf/all.hpp>
#include <caf/io/all.hpp>
#include <csignal>
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "actor/actors/account_actor.hpp"
#include "actor/actors/actor_pool.hpp"
#include "actor/actors/chaos_monkey.hpp"
#include "actor/actors/recovery.hpp"
#include "actor/options.hpp"
#include "actor/remote/host_owner.hpp"
#include "actor/remote/wire.hpp"

namespace archbench::actor::remote {
namespace {

constexpr const char* kProgram = "archbench-actor --role shard-host";

struct HostOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::size_t threads = default_options().threads;
  std::string scheduler = "stealing";
  std::string journal_dir;  // the front's --journal and --journal-sync, for this host's shard
  bool journal_sync = false;
  std::string chaos;  // --chaos crash-every=MS, for this host's account actor
};

// The host's shard as actors/recovery.hpp knows a process's shards: one, journaled at DIR.
ActorOptions shard_options(const HostOptions& options) {
  ActorOptions shard;
  shard.granularity = Granularity::shard;
  shard.shards = 1;
  shard.journal_dir = options.journal_dir;
  shard.journal_sync = options.journal_sync;
  if (!options.chaos.empty()) parse_chaos(options.chaos, shard);
  return shard;
}

// Blocks SIGINT and SIGTERM in this thread and in every thread started after it (CAF's), so
// that wait_for_stop() receives them.
sigset_t block_stop_signals() {
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  return stop_signals;
}

int serve(const HostOptions& options) {
  const ActorOptions shard = shard_options(options);
  const sigset_t stop_signals = block_stop_signals();
  // Before the system: its actors point into them until it is gone.
  Sequences ids;
  ActorLoad owner_load;
  Tenancy tenancy = Tenancy::at(shard.journal_dir);  // its place, if its journal kept one
  caf::actor_system_config config;
  config.set("scheduler.max-threads", options.threads);
  config.set("scheduler.policy", caf::atom_from_string(options.scheduler));
  add_remote_types(config);
  caf::actor_system system{config};
  if (std::string failures = check_remote_types(system); !failures.empty()) {
    std::cerr << kProgram << ": a remote message type does not cross the wire:\n" << failures;
    return 1;
  }

  // The journal a previous process left (--journal DIR), the ids moved past its ids. Nothing is
  // reconciled here: a living front's coordinators resend their steps until this host answers,
  // and a front that starts reads this journal (Joined) and finishes what its predecessor left.
  OpenedJournals journals = open_journals(shard, ids);
  caf::actor owner = system.spawn(host_supervisor,
                                  OwnerContext{&ids, &owner_load, journals.shards.at(0)}, &tenancy);
  caf::actor chaos;
  if (shard.chaos_crash_every_ms > 0) {
    chaos = system.spawn(chaos_monkey, std::make_shared<const ActorPool>(std::vector{owner}),
                         std::chrono::milliseconds(shard.chaos_crash_every_ms));
  }
  // reuse_addr: a host restarted on its port binds it again at once.
  auto port = system.middleman().publish(owner, options.port, options.host.c_str(), true);
  int exit_code = 0;
  if (!port) {
    std::cerr << kProgram << ": cannot listen on " << options.host << ':' << options.port << ": "
              << system.render(port.error()) << '\n';
    exit_code = 1;
  } else {
    std::cout << "listening on " << options.host << ':' << *port << std::endl;
    int signal = 0;
    sigwait(&stop_signals, &signal);
  }
  if (chaos) caf::anon_send_exit(chaos, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(owner, caf::exit_reason::user_shutdown);
  return exit_code;  // the system's destructor waits for the actors and the middleman
}

}  // namespace

bool is_shard_host(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--role=shard-host") return true;
    if (arg == "--role" && i + 1 < argc && std::string_view(argv[i + 1]) == "shard-host") {
      return true;
    }
  }
  return false;
}

int run_shard_host(int argc, char** argv) {
  HostOptions options;
  std::string role;
  CLI::App app{std::string(kProgram) +
                   ": owns one shard of the ledger's accounts for a front started with "
                   "--shard-hosts (actors across processes, over CAF's middleman)",
               "archbench-actor"};
  app.add_option("--role", role, "shard-host")->required()->check(CLI::IsMember({"shard-host"}));
  app.add_option("--host", options.host, "address to listen on")->capture_default_str();
  app.add_option("--port", options.port, "port for the front's connection (0: any free one)")
      ->capture_default_str();
  app.add_option("--actor-threads", options.threads, "CAF scheduler threads")
      ->check(CLI::Range(std::size_t{1}, std::size_t{256}))
      ->capture_default_str();
  app.add_option("--scheduler", options.scheduler, "CAF scheduler: stealing or sharing")
      ->check(CLI::IsMember({"stealing", "sharing"}))
      ->capture_default_str();
  app.add_option("--journal", options.journal_dir,
                 "also write the shard's journal to DIR, so that a restart of this host "
                 "recovers every acknowledged change and keeps its place among the hosts "
                 "(without it: in memory, surviving only a restart of its account actor by its "
                 "supervisor)");
  app.add_flag("--journal-sync", options.journal_sync,
               "fdatasync each journal record before answering");
  app.add_option("--chaos", options.chaos,
                 "crash-every=MS: the shard's account actor throws every MS milliseconds (its "
                 "supervisor restarts it from its journal)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 1;
  }
  std::signal(SIGPIPE, SIG_IGN);
  try {
    return serve(options);
  } catch (const std::exception& e) {
    std::cerr << kProgram << ": " << e.what() << '\n';
    return 1;
  }
}

}  // namespace archbench::actor::remote
