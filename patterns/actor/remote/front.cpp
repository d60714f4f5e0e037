#include "actor/remote/front.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include "actor/http/actor_service.hpp"
#include "actor/remote/shard_host_process.hpp"
#include "actor/remote/shard_hosts.hpp"

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
  std::vector<std::unique_ptr<ShardHostProcess>> children;
  for (std::size_t i = 0; i < spawn_shard_hosts; ++i) {
    children.push_back(std::make_unique<ShardHostProcess>(std::vector<std::string>{
        "--actor-threads", std::to_string(options.threads), "--scheduler", options.scheduler}));
    options.shard_hosts += (i == 0 ? "" : ",") + children.back()->address();
  }
  options.shards = parse_shard_hosts(options.shard_hosts).size();
  auto front = std::make_unique<ActorService>(options);
  if (children.empty()) return front;
  return std::make_unique<WithShardHosts>(std::move(children), std::move(front));
}

}  // namespace archbench::actor::remote
