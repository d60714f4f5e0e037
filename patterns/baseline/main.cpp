// archbench-baseline: the yardstick backend. Everything but the service is the shared main().
#include <memory>

#include "baseline/baseline_service.hpp"
#include "common/server/backend_main.hpp"

int main(int argc, char** argv) {
  return archbench::run_backend(
      argc, argv,
      {.name = "baseline",
       .summary = "one handler, one mutex, standard containers: the yardstick",
       .add_options = {},
       .make_service = [] { return std::make_unique<archbench::baseline::BaselineService>(); }});
}
