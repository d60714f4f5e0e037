// The main() every backend shares: command-line options, the HTTP server, the
// "listening on HOST:PORT" line, and a clean stop on SIGINT/SIGTERM.
//
//   int main(int argc, char** argv) {
//     return archbench::run_backend(argc, argv, {
//         .name = "baseline",
//         .summary = "one handler, one mutex, standard containers",
//         .make_service = [] { return std::make_unique<BaselineService>(); }});
//   }
#pragma once

#include <functional>
#include <memory>
#include <string>

namespace CLI {
class App;
}

namespace archbench {

namespace ledger {
class Service;
}

struct BackendDefinition {
  std::string name;     // "baseline": the binary is archbench-<name>
  std::string summary;  // one line for --help
  // Adds the backend's own options (e.g. --store) to the command line; may be empty.
  std::function<void(CLI::App&)> add_options;
  // Builds the service once the options are parsed. May throw std::exception with a message
  // for the user (e.g. a store that cannot be opened): it is printed and the exit code is 1.
  std::function<std::unique_ptr<ledger::Service>()> make_service;
};

int run_backend(int argc, char** argv, const BackendDefinition& backend);

}  // namespace archbench
