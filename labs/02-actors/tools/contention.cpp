// lab02-contention: your actors against one mutex, on the same transfers, in one run.
//
//   lab02-contention --transfers 20000 --accounts 4    few hot accounts: every transfer contends
//
// The same seeded transfers run through your coordinator and account actors (at most
// --in-flight transfers outstanding, a new one sent as each is answered), then through a ledger
// that holds one std::mutex for each whole transfer, from --threads threads (again and again
// for at least 0.25 s: one pass is over in milliseconds). Each side checks
// that money was conserved before any figure is printed. Reported, as `measure:` lines for
// scripts/lab measure: transfers per second of wall time, process CPU microseconds per
// transfer (CAF's idle threads poll: that is CPU the wall clock does not show), and the
// ratio mutex / actors.
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <caf/all.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>
#include <numeric>
#include <random>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "account_actor.hpp"
#include "coordinator.hpp"

namespace {

using namespace archbench::lab02;
using archbench::ledger::TransferRequest;

constexpr Money kOpening = 1'000'000'000;

std::string account_id(std::size_t i) { return "acc-" + std::to_string(i + 1); }

std::vector<TransferRequest> make_transfers(std::size_t count, std::size_t accounts) {
  std::mt19937_64 random(2026);
  std::uniform_int_distribution<std::size_t> pick(0, accounts - 1);
  std::uniform_int_distribution<Money> amount(1, 1000);
  std::vector<TransferRequest> transfers;
  transfers.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t from = pick(random);
    std::size_t to = pick(random);
    while (to == from) to = pick(random);
    transfers.push_back({.from = account_id(from),
                         .to = account_id(to),
                         .amount = amount(random),
                         .currency = "EUR",
                         .request_id = "t-" + std::to_string(i),
                         .memo = std::nullopt});
  }
  return transfers;
}

double cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

struct Run {
  double wall_s = 0;
  double cpu_s = 0;
  std::size_t completed = 0;
  bool conserved = false;
};

// ---- your actors ------------------------------------------------------------------------

Run run_actors(const std::vector<TransferRequest>& transfers, std::size_t accounts,
               std::size_t in_flight, int threads) {
  caf::actor_system_config config;
  config.set("scheduler.max-threads", threads);
  TransferIds ids;  // outlives the system, whose actors use it
  Run run;
  {
    caf::actor_system system{config};
    caf::scoped_actor self{system};
    auto directory = std::make_shared<Directory>();
    std::vector<caf::actor> owners;
    for (std::size_t i = 0; i < accounts; ++i) {
      owners.push_back(system.spawn(account_actor, Opening{account_id(i), "EUR", kOpening}, &ids));
      (*directory)[account_id(i)] = owners.back();
    }
    const caf::actor coordinator =
        system.spawn(transfer_coordinator, std::shared_ptr<const Directory>(directory));

    const double cpu_start = cpu_seconds();
    const auto start = std::chrono::steady_clock::now();
    std::size_t sent = 0;
    for (; sent < transfers.size() && sent < in_flight; ++sent) {
      self->send(coordinator, RunTransfer{transfers[sent]});
    }
    bool answering = true;
    for (std::size_t answered = 0; answering && answered < transfers.size(); ++answered) {
      self->receive(
          [&](TransferDone& done) {
            if (std::holds_alternative<archbench::ledger::Transfer>(done.outcome)) ++run.completed;
            if (sent < transfers.size()) self->send(coordinator, RunTransfer{transfers[sent++]});
          },
          caf::after(std::chrono::seconds(30)) >> [&] { answering = false; });
    }
    run.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    run.cpu_s = cpu_seconds() - cpu_start;

    Money total = 0;
    for (const caf::actor& owner : owners) {
      self->request(owner, std::chrono::seconds(10), ReadAccount{})
          .receive([&](const AccountView& view) { total += view.balance + view.reserved; },
                   [&](caf::error&) { total = -1; });
    }
    run.conserved = answering && total == kOpening * static_cast<Money>(accounts);
    for (const caf::actor& owner : owners) self->send_exit(owner, caf::exit_reason::user_shutdown);
    self->send_exit(coordinator, caf::exit_reason::user_shutdown);
  }
  return run;
}

// ---- the baseline: one mutex around everything -------------------------------------------

class MutexLedger {
 public:
  explicit MutexLedger(std::size_t accounts) {
    for (std::size_t i = 0; i < accounts; ++i) accounts_[account_id(i)] = {"EUR", kOpening, {}};
  }

  // The same checks and effects as the actors' protocol, under one lock.
  bool transfer(const TransferRequest& r) {
    const std::scoped_lock lock(mutex_);
    const auto from = accounts_.find(r.from);
    const auto to = accounts_.find(r.to);
    if (from == accounts_.end() || to == accounts_.end()) return false;
    Account& source = from->second;
    Account& target = to->second;
    if (source.currency != r.currency || target.currency != r.currency) return false;
    if (source.balance < r.amount || target.balance > kMax - r.amount) return false;
    std::string id = "tr-" + std::to_string(++transfers_);
    source.balance -= r.amount;
    source.history.push_back({id, -r.amount, r.to, source.balance});
    target.balance += r.amount;
    target.history.push_back({std::move(id), r.amount, r.from, target.balance});
    return true;
  }
  Money total() {
    const std::scoped_lock lock(mutex_);
    Money sum = 0;
    for (const auto& [id, account] : accounts_) sum += account.balance;
    return sum;
  }

 private:
  static constexpr Money kMax = std::numeric_limits<Money>::max();
  struct Account {
    std::string currency;
    Money balance = 0;
    std::vector<Line> history;
  };
  std::mutex mutex_;
  std::unordered_map<std::string, Account> accounts_;
  std::uint64_t transfers_ = 0;
};

// The mutex is so much faster that one pass over the transfers would be over in milliseconds,
// too short to time on a busy machine: the passes repeat until `at_least` has gone by.
// `passes` says how many ran; each is the same transfers again, on the same ledger.
Run run_mutex(const std::vector<TransferRequest>& transfers, std::size_t accounts, int threads,
              std::chrono::milliseconds at_least, std::size_t& passes) {
  MutexLedger ledger(accounts);
  std::vector<std::size_t> completed(static_cast<std::size_t>(threads), 0);
  const double cpu_start = cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  for (passes = 0; passes == 0 || std::chrono::steady_clock::now() - start < at_least; ++passes) {
    std::vector<std::jthread> workers;
    workers.reserve(static_cast<std::size_t>(threads));
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        for (auto i = static_cast<std::size_t>(t); i < transfers.size();
             i += static_cast<std::size_t>(threads)) {
          if (ledger.transfer(transfers[i])) ++completed[static_cast<std::size_t>(t)];
        }
      });
    }
  }
  Run run;
  run.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.cpu_s = cpu_seconds() - cpu_start;
  run.completed = std::accumulate(completed.begin(), completed.end(), std::size_t{0});
  run.conserved = ledger.total() == kOpening * static_cast<Money>(accounts);
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"lab02-contention: your actor transfers against one mutex, same transfers"};
  std::size_t count = 20'000;
  std::size_t accounts = 4;
  std::size_t in_flight = 64;
  int threads = 2;
  app.add_option("--transfers", count, "transfers per side")
      ->capture_default_str()
      ->check(CLI::Range(100, 2'000'000));
  app.add_option("--accounts", accounts, "accounts the transfers are spread over")
      ->capture_default_str()
      ->check(CLI::Range(2, 100'000));
  app.add_option("--in-flight", in_flight, "actors: transfers outstanding at once")
      ->capture_default_str()
      ->check(CLI::Range(1, 100'000));
  app.add_option("--threads", threads, "CAF scheduler threads, and the mutex side's threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  CLI11_PARSE(app, argc, argv);

  const std::vector<TransferRequest> transfers = make_transfers(count, accounts);
  const Run actors = run_actors(transfers, accounts, in_flight, threads);
  std::size_t passes = 0;
  const Run mutex = run_mutex(transfers, accounts, threads, std::chrono::milliseconds(250), passes);
  const std::size_t mutex_count = count * passes;

  std::printf("%zu transfers over %zu accounts, %d threads, %zu in flight (actors)\n", count,
              accounts, threads, in_flight);
  const auto report = [&](const char* name, const Run& run, std::size_t done) {
    std::printf("  %-7s %zu completed in %.3f s: %.0f transfers/s, %.2f us CPU per transfer\n",
                name, run.completed, run.wall_s, static_cast<double>(done) / run.wall_s,
                run.cpu_s * 1e6 / static_cast<double>(done));
  };
  report("actors", actors, count);
  report("mutex", mutex, mutex_count);
  // Refuse to report figures for transfers that lost money or were not done. (Every transfer
  // here is one the ledger accepts: the balances are far above what they move.)
  if (!actors.conserved || actors.completed != count) {
    std::fprintf(stderr,
                 "lab02-contention: the actors completed %zu of %zu transfers, or lost money: do "
                 "your tests pass?\n",
                 actors.completed, count);
    return 1;
  }
  if (!mutex.conserved || mutex.completed != mutex_count) {
    std::fprintf(stderr, "lab02-contention: the mutex ledger lost money\n");
    return 1;
  }
  const double actor_rate = static_cast<double>(count) / actors.wall_s;
  const double mutex_rate = static_cast<double>(mutex_count) / mutex.wall_s;
  std::printf("measure: actor-transfers-per-s %.0f transfers/s\n", actor_rate);
  std::printf("measure: mutex-transfers-per-s %.0f transfers/s\n", mutex_rate);
  std::printf("measure: actor-cpu-us-per-transfer %.2f us\n",
              actors.cpu_s * 1e6 / static_cast<double>(count));
  std::printf("measure: mutex-cpu-us-per-transfer %.3f us\n",
              mutex.cpu_s * 1e6 / static_cast<double>(mutex_count));
  std::printf("measure: mutex-over-actors %.2f x\n", mutex_rate / actor_rate);
  return 0;
}
