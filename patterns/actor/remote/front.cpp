#include "actor/remote/front.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include "actor/http/actor_service.hpp"
#include "actor/remote/shard_hosts.hpp"
#include "common/server/role_process.hpp"

namespace archbench::actor::remote {

std::unique_ptr<ledger::Service> make_actor_service(ActorOptions options,
                                                    std::size_t spawn_shard_hosts) {
  if (spawn_shard_hosts == 0 && options.shard_hosts.empty()) {
    return std::make_unique<ActorService>(options);
  }
  if (spawn_shard_hosts > 0 && !options.shard_hosts.empty()) {
    throw std::invalid_argument("--spawn-shard-hosts starts its own hosts: not with --shard-hosts");
  }
  if (options.granularity != Granularity::shard) {
    throw std::invalid_argument(
        "with shard hosts, each host is one shard: --granularity account is not for them");
  }
  // The journals and the chaos are the account actors' business: the hosts'.
  if (!options.shard_hosts.empty() &&
      (!options.journal_dir.empty() || options.journal_sync || options.chaos_crash_every_ms > 0)) {
    throw std::invalid_argument(
        "--journal, --journal-sync and --chaos belong to the shard hosts' own command lines "
        "with --shard-hosts (--spawn-shard-hosts hands them on)");
  }
  // --spawn-shard-hosts N: the three-process deployment from one command. Each host is this
  // same binary with --role shard-host on a free port; its "listening on" line gives its address.
  std::vector<std::unique_ptr<RoleProcess>> children;
  for (std::size_t i = 0; i < spawn_shard_hosts; ++i) {
    std::vector<std::string> args = {"--role",          "shard-host",
                                     "--host",          "127.0.0.1",
                                     "--port",          "0",
                                     "--actor-threads", std::to_string(options.threads),
                                     "--scheduler",     options.scheduler};
    if (!options.journal_dir.empty()) {
      args.insert(args.end(), {"--journal", options.journal_dir + "/host-" + std::to_string(i)});
    }
    if (options.journal_sync) args.emplace_back("--journal-sync");
    if (options.chaos_crash_every_ms > 0) {
      args.insert(args.end(),
                  {"--chaos", "crash-every=" + std::to_string(options.chaos_crash_every_ms)});
    }
    children.push_back(std::make_unique<RoleProcess>(args, "a shard host (--spawn-shard-hosts)"));
    options.shard_hosts += (i == 0 ? "" : ",") + children.back()->address();
  }
  // The front keeps no journal of its own: it reads its hosts' when it joins them (Joined).
  options.journal_dir.clear();
  options.journal_sync = false;
  options.chaos_crash_every_ms = 0;
  options.shards = parse_shard_hosts(options.shard_hosts).size();
  auto front = std::make_unique<ActorService>(options);
  if (children.empty()) return front;
  return std::make_unique<WithRoleProcesses>(std::move(children), std::move(front));
}

}  // namespace archbench::actor::remote
