// The real archbench-event-driven over HTTP, on a file log:
// - a restart rebuilds every account, history and idempotency record from the log alone;
// - kill -9 under a load of concurrent transfers, then a restart, loses nothing that was
//   acknowledged, settles every unanswered request by its retry, applies nothing twice and
//   conserves the money (the load and its checks: common/conformance/fault_testing.hpp). Three
//   rounds here; set ARCHBENCH_CRASH_ROUNDS=50 for the long run. With --fsync batch the backend
//   snapshots every 64 records, so those restarts begin from a snapshot (one may be half
//   written at the kill); with always it takes none in a round this short, so those replay the
//   whole log.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/conformance/backend_process.hpp"
#include "common/conformance/fault_testing.hpp"
#include "common/conformance/http_client.hpp"
#include "common/testing/temp_dir.hpp"

namespace archbench::event_driven {
namespace {

namespace fs = std::filesystem;
using conformance::BackendProcess;
using conformance::HttpClient;
using conformance::json;
using namespace std::chrono_literals;

std::unique_ptr<BackendProcess> start(const fs::path& log_dir, const std::string& fsync,
                                      const std::string& name = "archbench-event-driven") {
  const fs::path binary = fault_testing::sibling_executable(name);
  std::vector<std::string> args{
      "--port", "0", "--threads", "2", "--log", "file:" + log_dir.string(), "--fsync", fsync};
  if (name == "archbench-event-driven" && fsync == "batch") {
    args.insert(args.end(), {"--snapshot-every", "64"});
  }
  auto backend = std::make_unique<BackendProcess>(binary.string(), args);
  if (!backend->wait_until_listening(15s)) {
    ADD_FAILURE() << name << " did not start:\n" << backend->describe_output();
    return nullptr;
  }
  return backend;
}

std::string open_account(HttpClient& client, const std::string& currency = "EUR") {
  const auto response = client.post("/accounts", json{{"owner", "o"}, {"currency", currency}});
  EXPECT_EQ(response.status, 201) << response.body;
  return response.body_json.value("id", "");
}

TEST(EventDrivenDurability, ARestartRebuildsAccountsHistoriesAndIdempotencyFromTheLog) {
  archbench::testing::TempDir tmp("archbench-events");
  std::map<std::string, std::string> before;  // path -> body
  std::string first_deposit;
  std::vector<std::string> paths;
  {
    auto backend = start(tmp.path() / "log", "batch");
    ASSERT_TRUE(backend);
    HttpClient client(backend->host(), backend->port());
    const std::string a = open_account(client);
    const std::string b = open_account(client);
    const std::string c = open_account(client, "USD");
    first_deposit =
        client.post("/accounts/" + a + "/deposits", json{{"amount", 1000}, {"request_id", "d1"}})
            .body;
    client.post("/transfers", json{{"from", a},
                                   {"to", b},
                                   {"amount", 300},
                                   {"currency", "EUR"},
                                   {"request_id", "t1"},
                                   {"memo", "rent"}});
    // Refused: they must leave no trace, before or after the restart.
    EXPECT_EQ(client
                  .post("/transfers", json{{"from", a},
                                           {"to", c},
                                           {"amount", 1},
                                           {"currency", "EUR"},
                                           {"request_id", "t2"}})
                  .status,
              422);
    EXPECT_EQ(client
                  .post("/transfers", json{{"from", b},
                                           {"to", a},
                                           {"amount", 999},
                                           {"currency", "EUR"},
                                           {"request_id", "t3"}})
                  .status,
              409);
    for (const auto& id : {a, b, c}) {
      paths.push_back("/accounts/" + id);
      paths.push_back("/accounts/" + id + "/transactions");
    }
    for (const auto& path : paths) before[path] = client.get(path).body;
    backend->send_signal(SIGTERM);
    ASSERT_TRUE(backend->wait_exit(10s));
  }
  auto backend = start(tmp.path() / "log", "batch");
  ASSERT_TRUE(backend);
  HttpClient client(backend->host(), backend->port());
  for (const auto& path : paths) EXPECT_EQ(client.get(path).body, before[path]) << path;
  const auto again = client.post("/accounts/" + std::string("acc-1") + "/deposits",
                                 json{{"amount", 1000}, {"request_id", "d1"}});
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first_deposit) << "a retry after the restart did not get the first answer";
  EXPECT_EQ(open_account(client), "acc-4") << "ids did not continue after the replayed ones";
}

// Funds 32 accounts, runs 4 writers of transfers, kill -9s the backend `sleep` into the load,
// restarts it on the same log: what survived. nullopt (and a test failure) if a process did
// not start or the accounts could not be opened.
std::optional<fault_testing::KillVerdict> crash_round(const std::string& binary,
                                                      const std::string& fsync,
                                                      std::chrono::milliseconds sleep) {
  archbench::testing::TempDir tmp("archbench-events");
  fault_testing::KillLoad load({.accounts = 32,
                                .funding = 1'000'000,
                                .writers = 4,
                                .requests_per_writer = 400,
                                .deposit_every = 0,
                                .writer_stride = 7});
  {
    auto backend = start(tmp.path() / "log", fsync, binary);
    if (!backend) return std::nullopt;
    if (const std::string problem = load.open_accounts(*backend); !problem.empty()) {
      ADD_FAILURE() << problem;
      return std::nullopt;
    }
    load.run_and_kill(*backend, sleep);
  }
  auto backend = start(tmp.path() / "log", fsync, binary);
  if (!backend) return std::nullopt;
  return load.verify(*backend);
}

TEST(EventDrivenDurability, KillNineUnderLoadLosesNothingAcknowledgedAndAppliesNothingTwice) {
  // NOLINTNEXTLINE(concurrency-mt-unsafe): read before any thread of the test starts
  const char* rounds_env = std::getenv("ARCHBENCH_CRASH_ROUNDS");
  const int rounds = rounds_env != nullptr ? std::atoi(rounds_env) : 3;
  for (const std::string fsync : {"batch", "always"}) {
    for (int r = 0; r < rounds; ++r) {
      SCOPED_TRACE("fsync " + fsync + ", round " + std::to_string(r + 1));
      const auto verdict = crash_round("archbench-event-driven", fsync,
                                       std::chrono::milliseconds(100 + (97 * r) % 200));
      ASSERT_TRUE(verdict);
      fault_testing::expect_kept_its_word(*verdict);
      std::cout << "[ round   ] fsync " << fsync << ": " << verdict->summary() << "\n";
    }
  }
}

// The test above must bite: the same round against a backend whose log acknowledges records
// before writing them (tests/wrong/write_behind_log.hpp, a plausible "faster" design) loses
// acknowledged transfers.
TEST(EventDrivenDurability, TheKillTestCatchesALogThatAcknowledgesBeforeWriting) {
  std::size_t lost = 0;
  for (int r = 0; r < 3 && lost == 0; ++r) {
    const auto verdict =
        crash_round("test-event-driven-write-behind", "always", std::chrono::milliseconds(200));
    ASSERT_TRUE(verdict);
    lost += verdict->lost.size();
  }
  EXPECT_GT(lost, 0U) << "kill -9 did not expose a log that acknowledges before it writes";
}

}  // namespace
}  // namespace archbench::event_driven
