// The supervision scenario bites: with a coordinator that answers 503 and forgets a transfer
// whose step hit a crashed owner (wrong/forgetful_coordinator.hpp), the checks find a
// half-applied transfer (and money missing) in a few rounds of crashes.
#include <gtest/gtest.h>

#include <iostream>

#include "actor/http/actor_service.hpp"
#include "actor/tests/chaos_scenario.hpp"
#include "actor/tests/wrong/forgetful_coordinator.hpp"

namespace archbench::actor {
namespace {

TEST(ActorSupervisionBites, AForgetfulCoordinatorLeavesTransfersHalfApplied) {
  ActorOptions options = default_options();
  options.threads = 2;
  parse_granularity("shard:3", options);
  options.chaos_crash_every_ms = 1;
  std::vector<std::string> found;
  for (int attempt = 0; attempt < 5 && found.empty(); ++attempt) {
    ActorService service(options, {.coordinator = wrong::forgetful_coordinator});
    found = testing::run_chaos_scenario(service, 4, 60, 20).violations;
  }
  EXPECT_FALSE(found.empty()) << "the scenario did not notice transfers forgotten mid-way";
  if (!found.empty())
    std::cout << "found: " << found.front() << " (and " << found.size() - 1 << " more)\n";
}

}  // namespace
}  // namespace archbench::actor
