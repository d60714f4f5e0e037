// archbench-baseline-relay: the baseline's rules behind a RelayService, so that every answer
// comes late, from a worker thread. Not a pattern: the twin of archbench-baseline that prices
// the transport's late-answer path (scripts/callgrind baseline --binary ...; see README.md).
#include <memory>

#include "baseline/baseline_service.hpp"
#include "common/ledger/testing/relay_service.hpp"
#include "common/server/backend_main.hpp"

int main(int argc, char** argv) {
  return archbench::run_backend(
      argc, argv,
      {.name = "baseline-relay",
       .summary = "the baseline, answering every request from a worker thread",
       .add_options = {},
       .make_service = [] {
         return std::make_unique<archbench::ledger::testing::RelayService>(
             std::make_unique<archbench::baseline::BaselineService>());
       }});
}
