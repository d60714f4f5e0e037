// archbench-actor-supervision: what supervision costs and how fast it repairs, in-process and
// bounded in time (a few seconds). Three measurements, printed side by side:
//
//   1. restart time: an account actor is made to throw (Crash), and one client asks for its
//      account until the answer is 200 again; the time from the Crash to that 200, over
//      --crashes crashes: median and p99
//   2. 503s per crash: two clients transfer (retrying 503s) while --chaos crashes a random
//      account actor every --chaos-ms; the 503s they saw over the restarts there were
//   3. the cost of a deposit on one account actor (--deposits sent at once, answers awaited
//      together, one scheduler thread): sent straight to it, or through its supervisor (the
//      forwarding hop); with its journal in memory, in a file, in a file with fdatasync; and
//      a Book's deposit alone, journaled in memory or not (the append's own cost)
#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <caf/all.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "actor/actors/account_actor.hpp"
#include "actor/actors/supervisor.hpp"
#include "actor/http/actor_service.hpp"
#include "actor/messages.hpp"
#include "common/ledger/testing/in_process_client.hpp"

namespace {

using namespace archbench::actor;
using archbench::ledger::testing::InProcessClient;
using Clock = std::chrono::steady_clock;

double micros(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

ActorOptions options(std::size_t shards) {
  ActorOptions result = default_options();
  result.shards = shards;
  result.threads = 2;
  return result;
}

void restart_time(int crashes, int history) {
  ActorService service(options(2));
  InProcessClient client(service, "actor");
  (void)client.send("POST", "/accounts", R"({"owner":"o","currency":"EUR"})");
  for (int i = 0; i < history; ++i) {  // a longer journal for the restart to replay
    (void)client.send("POST", "/accounts/acc-1/deposits",
                      R"({"amount":1,"request_id":"h-)" + std::to_string(i) + "\"}");
  }
  std::vector<double> times;
  int unavailable = 0;
  for (int i = 0; i < crashes; ++i) {
    const auto crashed = Clock::now();
    caf::anon_send(service.owner_of("acc-1"), Crash{.after_next_write = false, .pick = 0});
    while (client.send("GET", "/accounts/acc-1").status != 200) ++unavailable;
    times.push_back(micros(Clock::now() - crashed));
  }
  std::printf(
      "restart time (crash -> served again, %d crashes): median %.0f us, p99 %.0f us; "
      "%.2f polls answered 503 per crash; %llu restarts\n",
      crashes, percentile(times, 0.5), percentile(times, 0.99),
      static_cast<double>(unavailable) / crashes,
      static_cast<unsigned long long>(service.restarts()));
}

void unavailable_per_crash(std::size_t chaos_ms, double seconds) {
  ActorOptions opts = options(2);
  opts.chaos_crash_every_ms = chaos_ms;
  ActorService service(opts);
  {
    InProcessClient setup(service, "actor");
    for (int i = 1; i <= 4; ++i) {
      (void)setup.send("POST", "/accounts", R"({"owner":"o","currency":"EUR"})");
      while (setup
                 .send("POST", "/accounts/acc-" + std::to_string(i) + "/deposits",
                       R"({"amount":1000000,"request_id":"seed-)" + std::to_string(i) + "\"}")
                 .status == 503) {
      }
    }
  }
  std::atomic<long> answered{0};
  std::atomic<long> unavailable{0};
  const auto until = Clock::now() + std::chrono::duration<double>(seconds);
  const auto restarts_before = service.restarts();
  std::vector<std::thread> clients;
  for (int t = 0; t < 2; ++t) {
    clients.emplace_back([&, t] {
      InProcessClient client(service, "actor");
      for (long i = 0; Clock::now() < until; ++i) {
        const std::string body = R"({"from":"acc-)" + std::to_string(1 + (i + t) % 4) +
                                 R"(","to":"acc-)" + std::to_string(1 + (i + t + 1) % 4) +
                                 R"(","amount":1,"currency":"EUR","request_id":"p-)" +
                                 std::to_string(t) + "-" + std::to_string(i) + "\"}";
        while (client.send("POST", "/transfers", body).status == 503) ++unavailable;
        ++answered;
      }
    });
  }
  for (auto& thread : clients) thread.join();
  const auto restarts = service.restarts() - restarts_before;
  std::printf(
      "--chaos crash-every=%zu for %.1f s, 2 clients transferring: %ld transfers, %llu "
      "restarts, %ld answers 503, %.2f per crash\n",
      chaos_ms, seconds, answered.load(), static_cast<unsigned long long>(restarts),
      unavailable.load(), static_cast<double>(unavailable.load()) / std::max<double>(1, restarts));
}

// Microseconds per deposit when `count` of them are sent to `target` at once and their
// answers awaited together: the actors' own cost per request (the hop, the journal), not the
// wake-ups of one request at a time.
double per_deposit(caf::actor_system& system, const caf::actor& target, int count, int& next) {
  std::promise<void> done;
  const auto start = Clock::now();
  system.spawn(
      [](caf::event_based_actor* self, const caf::actor& to, int n, int first,
         std::promise<void>* finished) -> caf::behavior {
        auto left = std::make_shared<int>(n);
        for (int i = 0; i < n; ++i) {
          self->request(to, caf::infinite,
                        ApplyDeposit{"acc-1", 1, "r-" + std::to_string(first + i)})
              .then([self, left, finished](DepositDone&) {
                if (--*left == 0) {
                  finished->set_value();
                  self->quit();
                }
              });
        }
        return {};
      },
      target, count, next, &done);
  next += count;
  done.get_future().wait();
  return micros(Clock::now() - start) / count;
}

void deposit_cost(int count, const std::filesystem::path& dir) {
  caf::actor_system_config config;
  config.set("scheduler.max-threads", 1);  // one thread: the cost of the work, not of hand-offs
  caf::actor_system system(config);
  Sequences ids;
  ActorLoad load;
  auto with_account = [](std::shared_ptr<Journal> journal) {
    journal->append({.kind = Event::Kind::opened, .account = "acc-1", .currency = "EUR"});
    return journal;
  };
  std::filesystem::create_directories(dir);
  struct Case {
    const char* name;
    caf::actor target;
    int count;
  };
  std::vector<Case> cases;
  cases.push_back(
      {"straight to the actor, journal in memory",
       system.spawn(account_actor,
                    OwnerContext{&ids, &load, with_account(std::make_shared<Journal>())}),
       count});
  cases.push_back(
      {"through its supervisor, journal in memory",
       system.spawn(shard_supervisor,
                    OwnerContext{&ids, &load, with_account(std::make_shared<Journal>())}),
       count});
  cases.push_back(
      {"through its supervisor, journal file",
       system.spawn(shard_supervisor, OwnerContext{&ids, &load,
                                                   with_account(std::make_shared<Journal>(
                                                       (dir / "a.journal").string(), false))}),
       count});
  cases.push_back(
      {"through its supervisor, journal file + fdatasync",
       system.spawn(shard_supervisor, OwnerContext{&ids, &load,
                                                   with_account(std::make_shared<Journal>(
                                                       (dir / "b.journal").string(), true))}),
       std::max(1, count / 10)});
  int next = 0;
  std::vector<std::vector<double>> runs(cases.size());
  for (int round = 0; round < 3; ++round) {  // interleaved, median of 3
    for (std::size_t c = 0; c < cases.size(); ++c) {
      runs[c].push_back(per_deposit(system, cases[c].target, cases[c].count, next));
    }
  }
  const double base = percentile(runs[0], 0.5);
  for (std::size_t c = 0; c < cases.size(); ++c) {
    const double median = percentile(runs[c], 0.5);
    std::printf("deposit %-50s %8.1f us  x%.2f\n", cases[c].name, median, median / base);
  }
  for (const Case& c : cases) caf::anon_send_exit(c.target, caf::exit_reason::user_shutdown);
}

// Nanoseconds per deposit on a Book alone (no actor): unrecorded, or journaled in memory.
void journal_append_cost(int count) {
  for (const bool journaled : {false, true}) {
    Sequences ids;
    Journal journal;
    Book book(&ids, journaled ? &journal : nullptr);
    book.open({.id = "acc-1", .owner = "o", .currency = "EUR", .balance = 0});
    const auto start = Clock::now();
    for (int i = 0; i < count; ++i) {
      (void)book.deposit(ApplyDeposit{"acc-1", 1, "r-" + std::to_string(i)});
    }
    std::printf("Book::deposit alone, %-32s %8.0f ns\n",
                journaled ? "journaled in memory" : "not journaled",
                1000 * micros(Clock::now() - start) / count);
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"archbench-actor-supervision: restart time, 503s per crash, journal cost"};
  int crashes = 300;
  std::size_t chaos_ms = 10;
  double seconds = 2;
  int deposits = 2000;
  std::string dir = (std::filesystem::temp_directory_path() / "archbench-actor-probe").string();
  app.add_option("--crashes", crashes, "crashes timed one by one")->check(CLI::Range(1, 100000));
  app.add_option("--chaos-ms", chaos_ms, "--chaos crash-every for the load")
      ->check(CLI::Range(1, 10000));
  app.add_option("--seconds", seconds, "length of the load under chaos")
      ->check(CLI::Range(0.1, 60.0));
  app.add_option("--deposits", deposits, "deposits per case and round")
      ->check(CLI::Range(10, 1000000));
  app.add_option("--dir", dir, "where the journal files of measurement 3 go (removed after)");
  CLI11_PARSE(app, argc, argv);
  restart_time(crashes, 0);
  restart_time(crashes / 10, 10'000);
  unavailable_per_crash(chaos_ms, seconds);
  deposit_cost(deposits, dir);
  journal_append_cost(deposits * 50);
  std::filesystem::remove_all(dir);
  return 0;
}
