// test-event-driven-forgetful-projector: the real projector over a feed that forgets on restart
// (forgetful_feed.hpp). Test-only: the projector kill test must catch it. It takes the same
// options as archbench-event-driven --role projector.
#include <CLI/CLI.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "common/server/backend_main.hpp"
#include "event-driven/split/projector.hpp"
#include "event-driven/split/projector_service.hpp"
#include "event-driven/tests/wrong/forgetful_feed.hpp"

int main(int argc, char** argv) {
  using namespace archbench::event_driven;
  std::string log;
  std::string role = "projector";
  return archbench::run_backend(
      argc, argv,
      {.name = "event-driven-forgetful-projector",
       .summary = "WRONG ON PURPOSE: a projector whose consumer forgets on restart (test only)",
       .add_options =
           [&](CLI::App& app) {
             app.add_option("--log", log, "nats://HOST:PORT")->required();
             app.add_option("--role", role, "projector (the only one)");
           },
       .make_service =
           [&] {
             return std::make_unique<ProjectorService>(
                 std::make_unique<Projector>(log, std::make_unique<wrong::ForgetfulFeed>(log),
                                             std::chrono::milliseconds(1000)));
           }});
}
