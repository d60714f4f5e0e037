// archbench-event-driven: event sourcing behind the shared HTTP front. Everything but the
// service and its log is the shared main().
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "common/server/backend_main.hpp"
#include "event-driven/http/event_driven_service.hpp"
#include "event-driven/log/open_log.hpp"

int main(int argc, char** argv) {
  using namespace archbench::event_driven;
  std::string log = "file:archbench-events";
  std::string fsync = "batch";
  return archbench::run_backend(
      argc, argv,
      {.name = "event-driven",
       .summary = "state is a fold over a durable event log; reads from a projection",
       .add_options =
           [&](CLI::App& app) {
             app.add_option(
                    "--log", log,
                    "event log: memory, file:DIR (segment files) or nats://HOST:PORT (JetStream)")
                 ->capture_default_str();
             app.add_option("--fsync", fsync,
                            "when a file log write counts as durable: always, batch (group "
                            "commit) or never")
                 ->check(CLI::IsMember({"always", "batch", "never"}))
                 ->capture_default_str();
           },
       .make_service =
           [&] {
             return std::make_unique<EventDrivenService>(open_log(log, parse_fsync_policy(fsync)));
           }});
}
