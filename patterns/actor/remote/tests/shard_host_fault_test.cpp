// The three-process deployment's fault, every process real: two shard hosts
// (`archbench-actor --role shard-host`) and their front (`--shard-hosts`), on loopback.
//
// kill -9 one host while a client keeps reading every account and moving money between the
// other host's accounts: the dead host's accounts answer 503 `unavailable` (Retry-After: 1)
// within the front's request deadline, never a hang, and at once as soon as the front knows the
// host is gone; the other host's accounts keep answering 2xx throughout. Restarted on its port, the
// host is found again by the front (no restart of the front) and its accounts answer again.
//
// Each host journals to its own directory (--journal), and the restarted one reads it back:
// every acknowledged deposit is there again. A transfer onto the dead host, answered 503 while
// it was down, is resent by the front's coordinator until the host is back and then completes:
// its retry with the same request_id gets 201, and the money is where it should be, whole.
//
// And it bites: with a front whose host links do not watch their hosts
// (wrong/blind_host_link.hpp, in test-actor-wrong-front) the dead host's accounts answer 503 only
// at the link's deadline, not at once, and the restarted host is never used again; the same checks
// find both.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <caf/actor.hpp>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "actor/remote/tests/three_processes.hpp"
#include "common/conformance/backend_process.hpp"
#include "common/conformance/fault_testing.hpp"
#include "common/conformance/http_client.hpp"

namespace archbench::actor::remote {
namespace {

namespace fs = std::filesystem;
using conformance::BackendProcess;
using conformance::HttpClient;
using conformance::HttpResponse;
using conformance::json;
using namespace std::chrono_literals;
using fault_testing::is_unavailable;
using Clock = std::chrono::steady_clock;
using three_processes::eventually;
using three_processes::host_of;
using three_processes::start;
using three_processes::start_host;

constexpr int kAccounts = 12;
constexpr std::int64_t kDeposit = 1000;
// The front gives each request to a host 2 s (HostLinkConfig::timeout); an answer that takes
// far longer than that is a hang, whatever the machine's load.
constexpr auto kPromptly = 8s;
// A link that knows its host is dead answers at once, without asking it (milliseconds,
// measured); one that took the 2 s deadline waited for a host it did not know was gone.
constexpr auto kAtOnce = 1s;

class ShardHostFault : public ::testing::Test {
 protected:
  // The front under test: archbench-actor, or a wrong variant (its program and arguments).
  [[nodiscard]] virtual std::vector<std::string> front_command() const {
    return {"archbench-actor"};
  }

  void SetUp() override {
    journals_ =
        fs::temp_directory_path() / ("archbench-shard-host-fault-" + std::to_string(::getpid()));
    fs::remove_all(journals_);
    for (std::size_t i = 0; i < 2; ++i) {
      hosts_[i] = start_host(0, journal_of(i));
      ASSERT_TRUE(hosts_[i]);
    }
    front_ =
        start(front_command(), {"--host", "127.0.0.1", "--port", "0", "--threads", "2",
                                "--actor-threads", "1", "--scheduler", "sharing", "--shard-hosts",
                                "127.0.0.1:" + std::to_string(hosts_[0]->port()) +
                                    ",127.0.0.1:" + std::to_string(hosts_[1]->port())});
    ASSERT_TRUE(front_);
    HttpClient http(front_->host(), front_->port());
    for (int i = 0; i < kAccounts; ++i) {
      auto created = http.post("/accounts", json{{"owner", "o"}, {"currency", "EUR"}});
      ASSERT_EQ(created.status, 201) << created.body;
      const std::string id = created.body_json["id"];
      auto deposited = http.post("/accounts/" + id + "/deposits",
                                 json{{"amount", kDeposit}, {"request_id", "d-" + id}});
      ASSERT_EQ(deposited.status, 201) << deposited.body;
      owned_[host_of(id)].push_back(id);
    }
    ASSERT_GE(owned_[0].size(), 2U) << "too few accounts on host 0 to test it";
    ASSERT_GE(owned_[1].size(), 2U) << "too few accounts on host 1 to test it";
  }

  void TearDown() override {
    front_.reset();
    for (auto& host : hosts_) host.reset();
    fs::remove_all(journals_);
  }
  [[nodiscard]] fs::path journal_of(std::size_t host) const {
    return journals_ / ("host-" + std::to_string(host));
  }

  struct DeadHostAnswers {
    std::vector<std::string> not_unavailable;  // each with what it answered instead
    std::vector<std::string> slow;             // each with how long it took
  };
  // After host 0's kill, each of its accounts read once: each must answer 503 `unavailable`;
  // the first within kPromptly (it may reach the link before the news of the death and wait
  // out the deadline), every one after it at once (kAtOnce: the link knows by then). Stops at
  // the first answer over its bound: the check has failed, and each read may cost a deadline.
  DeadHostAnswers read_the_dead_hosts_accounts(HttpClient& http) {
    DeadHostAnswers answers;
    auto bound = kPromptly;
    for (const std::string& id : owned_[0]) {
      const auto started = Clock::now();
      const HttpResponse r = http.get("/accounts/" + id);
      const auto took = Clock::now() - started;
      if (!is_unavailable(r)) {
        answers.not_unavailable.push_back(id + ": " + std::to_string(r.status) + " " + r.body);
      }
      if (took > bound) {
        answers.slow.push_back(
            id + " took " +
            std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()) +
            " ms, over " + std::to_string(std::chrono::milliseconds(bound).count()) + " ms");
        break;
      }
      bound = kAtOnce;
    }
    return answers;
  }

  // Host 0 restarted on its port and journal: true once the front uses it again by itself,
  // within 10 s (the real link reconnects within milliseconds of the host listening; a link
  // that does not watch its host never does, so ShardHostFaultBites waits the whole bound).
  bool restarted_host_rejoins(HttpClient& http, std::uint16_t port) {
    hosts_[0] = start_host(port, journal_of(0));
    if (!hosts_[0]) return false;
    return eventually([&] { return http.get("/accounts/" + owned_[0][0]).status != 503; }, 10s);
  }

  fs::path journals_;
  std::unique_ptr<BackendProcess> hosts_[2];
  std::unique_ptr<BackendProcess> front_;
  std::vector<std::string> owned_[2];  // account ids by the host that owns them
};

TEST_F(ShardHostFault, AKilledHostsAccountsAnswer503PromptlyTheOthersKeepWorkingAndItComesBack) {
  const std::uint16_t dead_port = hosts_[0]->port();
  const std::vector<std::string>& dead = owned_[0];
  const std::vector<std::string>& alive = owned_[1];

  // The light load: reads of every account and transfers between the surviving host's
  // accounts, one after the other, each answer checked as it comes.
  std::atomic<bool> stop{false};
  std::atomic<int> rounds{0};
  std::atomic<int> unavailable_seen{0};
  std::vector<std::string> wrong;  // the load thread's failures, read after it is joined
  std::thread load([&] {
    HttpClient http(front_->host(), front_->port());
    for (int round = 0; !stop; ++round) {
      for (int owner = 0; owner < 2; ++owner) {
        for (const std::string& id : owned_[owner]) {
          const auto started = Clock::now();
          const HttpResponse r = http.get("/accounts/" + id);
          const auto took = Clock::now() - started;
          if (took > kPromptly) wrong.push_back(id + " took more than the bound");
          if (owner == 1 && r.status != 200) wrong.push_back(id + ": " + r.body);
          if (owner == 0 && r.status != 200 && !is_unavailable(r)) {
            wrong.push_back(id + " (dead host): " + std::to_string(r.status) + " " + r.body);
          }
          if (is_unavailable(r)) ++unavailable_seen;
        }
      }
      const auto moved =
          http.post("/transfers", json{{"from", alive[0]},
                                       {"to", alive[1]},
                                       {"amount", 1},
                                       {"currency", "EUR"},
                                       {"request_id", "load-" + std::to_string(round)}});
      if (moved.status != 201) wrong.push_back("transfer on the live host: " + moved.body);
      ++rounds;
    }
  });
  ASSERT_TRUE(eventually([&] { return rounds >= 2; })) << "the load did not start";

  hosts_[0]->kill_and_wait();
  HttpClient http(front_->host(), front_->port());
  // Every account of the dead host: 503 unavailable, within the bound, and at once as soon as
  // the front knows.
  const DeadHostAnswers answers = read_the_dead_hosts_accounts(http);
  for (const std::string& failure : answers.not_unavailable) ADD_FAILURE() << failure;
  for (const std::string& failure : answers.slow) ADD_FAILURE() << failure;
  // A transfer that needs the dead host: 503 too; between the live host's accounts: 201.
  const HttpResponse across = http.post("/transfers", json{{"from", alive[0]},
                                                           {"to", dead[0]},
                                                           {"amount", 1},
                                                           {"currency", "EUR"},
                                                           {"request_id", "across"}});
  EXPECT_TRUE(is_unavailable(across)) << across.status << " " << across.body;
  const int rounds_at_kill = rounds;
  ASSERT_TRUE(eventually([&] { return rounds >= rounds_at_kill + 2; }))
      << "the load stopped while a host was down";

  // Back on its port: the front finds it again by itself.
  ASSERT_TRUE(restarted_host_rejoins(http, dead_port))
      << "the restarted host's accounts still answer 503";
  stop = true;
  load.join();
  for (const std::string& failure : wrong) ADD_FAILURE() << failure;
  EXPECT_GT(unavailable_seen.load(), 0) << "the load never saw the dead host's 503";

  // The transfer onto the dead host was resent until the host came back: it completed, and
  // its retry says so.
  const json across_again = {{"from", alive[0]},
                             {"to", dead[0]},
                             {"amount", 1},
                             {"currency", "EUR"},
                             {"request_id", "across"}};
  HttpResponse settled;
  ASSERT_TRUE(eventually([&] {
    settled = http.post("/transfers", across_again);
    return settled.status != 503;
  })) << "the transfer onto the restarted host is still in doubt";
  EXPECT_EQ(settled.status, 201) << settled.body;

  // The restarted host read its journal back: its accounts are there with every acknowledged
  // deposit (and the one unit the transfer above brought to the first of them).
  for (const std::string& id : dead) {
    const HttpResponse r = http.get("/accounts/" + id);
    ASSERT_EQ(r.status, 200) << id << ": " << r.body;
    EXPECT_EQ(r.body_json["balance"].get<std::int64_t>(), kDeposit + (id == dead[0] ? 1 : 0)) << id;
  }
  // The other host lost nothing: its balances add up to what was deposited, less that unit.
  std::int64_t total = 0;
  for (const std::string& id : alive) {
    const HttpResponse r = http.get("/accounts/" + id);
    ASSERT_EQ(r.status, 200) << id << ": " << r.body;
    total += r.body_json["balance"].get<std::int64_t>();
  }
  EXPECT_EQ(total, kDeposit * static_cast<std::int64_t>(alive.size()) - 1);
}

// The test above bites: a front whose links do not watch their hosts keeps sending to the dead
// host, so each of its requests answers 503 only at the link's 2 s deadline (not at once), and
// it never connects again, so the restarted host's accounts answer 503 for good.
class ShardHostFaultBites : public ShardHostFault {
 protected:
  [[nodiscard]] std::vector<std::string> front_command() const override {
    return {"test-actor-wrong-front", "--wrong", "blind-host-link"};
  }
};

TEST_F(ShardHostFaultBites, AHostLinkThatDoesNotWatchItsHostNeverUsesTheRestartedHost) {
  const std::uint16_t dead_port = hosts_[0]->port();
  hosts_[0]->kill_and_wait();
  HttpClient http(front_->host(), front_->port());
  const DeadHostAnswers answers = read_the_dead_hosts_accounts(http);
  EXPECT_FALSE(answers.slow.empty())
      << "a front whose links do not watch their hosts answered the dead host's accounts at once";
  EXPECT_TRUE(answers.not_unavailable.empty())
      << "it failed for another reason: " << answers.not_unavailable.front();
  EXPECT_FALSE(restarted_host_rejoins(http, dead_port))
      << "a front whose links do not watch their hosts used the restarted host again";
  if (!answers.slow.empty()) std::cout << "[ wrong   ] " << answers.slow.front() << "\n";
}

}  // namespace
}  // namespace archbench::actor::remote
