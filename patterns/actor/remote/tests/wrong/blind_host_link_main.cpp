// test-actor-blind-host-link: the real front of shard hosts (--shard-hosts) with host links that
// do not watch their hosts (blind_host_link.hpp). Test-only: ShardHostFault must catch it. It
// takes the options shard_host_fault_test.cpp gives the front.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "actor/http/actor_service.hpp"
#include "actor/options.hpp"
#include "actor/remote/shard_hosts.hpp"
#include "actor/remote/tests/wrong/blind_host_link.hpp"
#include "common/server/backend_main.hpp"

int main(int argc, char** argv) {
  using namespace archbench::actor;
  ActorOptions options = default_options();
  return archbench::run_backend(
      argc, argv,
      {.name = "actor-blind-host-link",
       .summary = "WRONG ON PURPOSE: a front whose host links do not watch their hosts (test only)",
       .add_options =
           [&](CLI::App& app) {
             app.add_option("--shard-hosts", options.shard_hosts, "HOST:PORT,...")->required();
             app.add_option("--actor-threads", options.threads, "CAF scheduler threads");
             app.add_option("--scheduler", options.scheduler, "stealing or sharing");
           },
       .make_service =
           [&] {
             options.shards = remote::parse_shard_hosts(options.shard_hosts).size();
             return std::make_unique<ActorService>(
                 options, ActorParts{.host_link = remote::wrong::blind_host_link});
           }});
}
