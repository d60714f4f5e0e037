// archbench-hexagonal: the ledger as ports and adapters. The shared main() serves HTTP; this
// file only adds --store and hands it to the composition root.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "common/server/backend_main.hpp"
#include "hexagonal/composition_root.hpp"

int main(int argc, char** argv) {
  std::string store = "memory";
  return archbench::run_backend(
      argc, argv,
      {.name = "hexagonal",
       .summary = "ports and adapters: a pure domain, with memory, SQLite or Redis behind one port",
       .add_options =
           [&store](CLI::App& app) {
             app.add_option("--store", store,
                            "where the ledger lives: memory, sqlite:PATH or redis://HOST:PORT")
                 ->capture_default_str();
           },
       .make_service = [&store] { return archbench::hexagonal::make_service(store); }});
}
