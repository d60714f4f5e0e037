// archbench-hexagonal: the ledger as ports and adapters. The shared main() serves HTTP; this
// file only adds --store and --ids and hands them to the composition root.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "common/server/backend_main.hpp"
#include "hexagonal/composition_root.hpp"

int main(int argc, char** argv) {
  using archbench::hexagonal::IdScheme;
  std::string store = "memory";
  // Sequential by default: the baseline's ids, so that a comparison with it measures the ports,
  // not the id scheme; over a persistent store they continue after the ids it holds. Random
  // ids are for several processes writing to one store.
  std::string ids = "sequential";
  return archbench::run_backend(
      argc, argv,
      {.name = "hexagonal",
       .summary = "ports and adapters: a pure domain, with memory, SQLite or Redis behind one port",
       .add_options =
           [&store, &ids](CLI::App& app) {
             app.add_option("--store", store,
                            "where the ledger lives: memory, sqlite:PATH or redis://HOST:PORT")
                 ->capture_default_str();
             app.add_option("--ids", ids,
                            "sequential: acc-1, acc-2, ... like the baseline, continuing after "
                            "the ids a persistent store holds; random: acc-/dep-/tr- + 96 random "
                            "bits, unique even with several processes writing to one store")
                 ->check(CLI::IsMember({"random", "sequential"}))
                 ->capture_default_str();
           },
       .make_service =
           [&store, &ids] {
             return archbench::hexagonal::make_service(
                 store, ids == "sequential" ? IdScheme::sequential : IdScheme::random);
           }});
}
