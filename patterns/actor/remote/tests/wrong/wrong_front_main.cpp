// test-actor-wrong-front: the real front of shard hosts (--shard-hosts) with one part replaced,
// on purpose, by a plausible wrong one, for the test that must catch it. Test-only.
//
//   --wrong blind-host-link   host links that do not watch their hosts (blind_host_link.hpp):
//                             ShardHostFaultBites
//   --wrong forgetful-front   a front that takes its hosts' claims and ids but does not roll
//                             forward what its predecessor left half done (forgetful_front.hpp):
//                             FrontRecoveryBites
//
// It takes the front's options those tests give.
#include <CLI/CLI.hpp>
#include <map>
#include <memory>
#include <string>

#include "actor/http/actor_service.hpp"
#include "actor/options.hpp"
#include "actor/remote/shard_hosts.hpp"
#include "actor/remote/tests/wrong/blind_host_link.hpp"
#include "actor/remote/tests/wrong/forgetful_front.hpp"
#include "common/server/backend_main.hpp"

int main(int argc, char** argv) {
  using namespace archbench::actor;
  const std::map<std::string, ActorParts> wrong_parts{
      {"blind-host-link", {.host_link = remote::wrong::blind_host_link}},
      {"forgetful-front", {.reconciler = wrong::reconcile_without_rolling_forward}},
  };
  ActorOptions options = default_options();
  std::string wrong;
  return archbench::run_backend(
      argc, argv,
      {.name = "actor-wrong-front",
       .summary = "WRONG ON PURPOSE: a front with one wrong part (test only)",
       .add_options =
           [&](CLI::App& app) {
             app.add_option("--wrong", wrong, "the wrong part: blind-host-link or forgetful-front")
                 ->required()
                 ->check(CLI::IsMember({"blind-host-link", "forgetful-front"}));
             app.add_option("--shard-hosts", options.shard_hosts, "HOST:PORT,...")->required();
             app.add_option("--actor-threads", options.threads, "CAF scheduler threads");
             app.add_option("--scheduler", options.scheduler, "stealing or sharing");
           },
       .make_service =
           [&] {
             options.shards = remote::parse_shard_hosts(options.shard_hosts).size();
             return std::make_unique<ActorService>(options, wrong_parts.at(wrong));
           }});
}
