// test-event-driven-write-behind: the real service over a log that acknowledges before it
// writes (write_behind_log.hpp). Test-only: the kill -9 test must catch it losing writes.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "common/server/backend_main.hpp"
#include "event-driven/http/event_driven_service.hpp"
#include "event-driven/tests/wrong/write_behind_log.hpp"

int main(int argc, char** argv) {
  using namespace archbench::event_driven;
  std::string log;
  std::string fsync = "always";
  return archbench::run_backend(
      argc, argv,
      {.name = "event-driven-write-behind",
       .summary = "WRONG ON PURPOSE: acknowledges events before writing them (test only)",
       .add_options =
           [&](CLI::App& app) {
             app.add_option("--log", log, "file:DIR")->required();
             app.add_option("--fsync", fsync, "always, batch or never");
           },
       .make_service =
           [&] {
             return std::make_unique<EventDrivenService>(std::make_unique<wrong::WriteBehindLog>(
                 FileLogOptions{.dir = log.substr(5), .fsync = parse_fsync_policy(fsync)}));
           }});
}
