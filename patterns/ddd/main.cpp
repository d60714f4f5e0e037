// archbench-ddd: the domain model behind the shared HTTP front. Everything but the service is
// the shared main().
#include <memory>

#include "common/server/backend_main.hpp"
#include "ddd/edge/ddd_service.hpp"

int main(int argc, char** argv) {
  return archbench::run_backend(
      argc, argv,
      {.name = "ddd",
       .summary = "a ubiquitous language in strong types, aggregates, two bounded contexts",
       .add_options = {},
       .make_service = [] { return std::make_unique<archbench::ddd::DddService>(); }});
}
