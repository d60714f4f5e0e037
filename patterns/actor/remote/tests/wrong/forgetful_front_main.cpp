// test-actor-forgetful-front: the real front of shard hosts (--shard-hosts) that does not roll
// forward what its predecessor left half done (forgetful_front.hpp). Test-only: the front kill
// test must catch it. It takes the front's options that the test uses.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "actor/actors/transfer_coordinator.hpp"
#include "actor/http/actor_service.hpp"
#include "actor/remote/shard_hosts.hpp"
#include "actor/remote/tests/wrong/forgetful_front.hpp"
#include "common/server/backend_main.hpp"

int main(int argc, char** argv) {
  using namespace archbench::actor;
  ActorOptions options = default_options();
  return archbench::run_backend(
      argc, argv,
      {.name = "actor-forgetful-front",
       .summary = "WRONG ON PURPOSE: a front that does not roll forward transfers (test only)",
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
                 options, ActorParts{.reconciler = wrong::reconcile_without_rolling_forward});
           }});
}
