// archbench-zero-copy: bodies parsed in place, answers written in place, no allocation per
// request. Everything but the service is the shared main().
#include <memory>

#include "common/server/backend_main.hpp"
#include "zero-copy/service/zero_copy_service.hpp"

int main(int argc, char** argv) {
  return archbench::run_backend(
      argc, argv,
      {.name = "zero-copy",
       .summary = "simdjson in place, answers into the connection's buffer, no allocation per "
                  "request",
       .add_options = {},
       .make_service = [] { return std::make_unique<archbench::zero_copy::ZeroCopyService>(); }});
}
