// lab01-transfers: N random transfers through the ledger's use cases, on the store you choose,
// timed. The same Ledger, the same rules, only the driven adapter differs: what you measure is
// the store.
//
//   lab01-transfers --store file --transfers 20000
//   lab01-transfers --store file-fsync --transfers 2000 --dir ~/lab01   (a real disk: see below)
//   lab01-transfers --store sqlite --transfers 20000 --threads 2
//
// The log goes in a fresh folder under --dir (the system's temp folder by default), removed at
// the end. fsync on tmpfs (RAM) returns at once: measuring file-fsync there measures nothing,
// so the tool says so when --dir is on tmpfs. `scripts/lab measure 01` runs it on your code
// and on the reference, interleaved.
#include <linux/magic.h>
#include <stdlib.h>
#include <sys/vfs.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "file_store.hpp"
#include "hexagonal/adapters/ids/sequential_id_generator.hpp"
#include "hexagonal/adapters/memory/memory_store.hpp"
#include "hexagonal/adapters/sqlite/sqlite_store.hpp"
#include "hexagonal/application/ledger.hpp"

namespace {

using namespace archbench;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"lab01-transfers: random transfers through the ledger, on one store, timed"};
  std::string kind = "file";
  int transfers = 20'000;
  int accounts = 100;
  int threads = 1;
  app.add_option("--store", kind, "memory, file, file-fsync or sqlite")
      ->check(CLI::IsMember({"memory", "file", "file-fsync", "sqlite"}))
      ->capture_default_str();
  app.add_option("--transfers", transfers, "how many")->check(CLI::PositiveNumber);
  app.add_option("--accounts", accounts, "between how many accounts")->check(CLI::Range(2, 100000));
  app.add_option("--threads", threads, "sending at once")->check(CLI::Range(1, 64));
  std::filesystem::path dir = std::filesystem::temp_directory_path();
  app.add_option("--dir", dir, "where to put the log (fsync needs a real disk, not tmpfs)")
      ->check(CLI::ExistingDirectory);
  CLI11_PARSE(app, argc, argv);

  struct statfs where {};
  if (::statfs(dir.c_str(), &where) == 0 && where.f_type == TMPFS_MAGIC) {
    std::fprintf(stderr,
                 "lab01-transfers: warning: %s is on tmpfs (memory): fsync returns at once "
                 "there, so file-fsync measures nothing. Use --dir on a real disk.\n",
                 dir.c_str());
  }
  std::string folder = (dir / "lab01-XXXXXX").string();
  if (::mkdtemp(folder.data()) == nullptr) {
    std::perror("lab01-transfers: mkdtemp");
    return 1;
  }
  const std::filesystem::path file = std::filesystem::path(folder) / "ledger";

  int status = 0;
  {
    std::unique_ptr<hexagonal::ports::LedgerStore> store;
    if (kind == "memory") store = std::make_unique<hexagonal::adapters::MemoryStore>();
    if (kind == "sqlite") store = std::make_unique<hexagonal::adapters::SqliteStore>(file.string());
    if (kind == "file") store = std::make_unique<lab01::FileStore>(file);
    if (kind == "file-fsync") store = std::make_unique<lab01::FileStore>(file, lab01::Sync::fsync);

    hexagonal::adapters::SequentialIdGenerator ids;
    hexagonal::application::Ledger ledger(*store, ids);
    std::vector<std::string> ids_of;
    for (int i = 0; i < accounts; ++i) {
      const auto opened = ledger.create_account({"owner", "EUR"});
      ids_of.push_back(std::get<lab01::domain::Account>(opened).id);
      (void)ledger.deposit({ids_of.back(), 1'000'000, "fund-" + std::to_string(i)});
    }

    const auto start = Clock::now();
    std::vector<std::thread> senders;
    for (int t = 0; t < threads; ++t) {
      senders.emplace_back([&, t] {
        std::mt19937 random(static_cast<unsigned>(t));
        std::uniform_int_distribution<int> pick(0, accounts - 1);
        for (int i = t; i < transfers; i += threads) {
          const int from = pick(random);
          const int to = (from + 1) % accounts;
          (void)ledger.transfer({ids_of[static_cast<std::size_t>(from)],
                                 ids_of[static_cast<std::size_t>(to)], 1 + i % 100, "EUR",
                                 "t-" + std::to_string(i), std::nullopt});
        }
      });
    }
    for (auto& sender : senders) sender.join();
    const double elapsed = seconds_since(start);
    std::printf("%-10s %8d transfers in %7.3f s: %9.0f transfers/s, %8.2f us each\n", kind.c_str(),
                transfers, elapsed, transfers / elapsed, 1e6 * elapsed / transfers);
    // For scripts/lab measure: `measure: <key> <value> <unit>`.
    std::printf("measure: us-per-transfer %.3f us\n", 1e6 * elapsed / transfers);

    if (kind.starts_with("file")) {
      store.reset();
      const auto size = std::filesystem::file_size(file);
      const auto reopen = Clock::now();
      lab01::FileStore replayed(file);
      const double replay = seconds_since(reopen);
      std::printf("log: %ju bytes (%.0f per transfer); replaying it took %.3f s\n",
                  static_cast<std::uintmax_t>(size), static_cast<double>(size) / transfers, replay);
      std::printf("measure: log-bytes-per-transfer %.1f B\nmeasure: replay-s %.4f s\n",
                  static_cast<double>(size) / transfers, replay);
      if (!replayed.find_account(ids_of.front())) status = 1;
    }
  }
  std::filesystem::remove_all(folder);
  return status;
}
