// The real archbench-actor over HTTP with --journal DIR: kill -9 of the whole process under a
// load of concurrent transfers and deposits, a restart on the same DIR, then: every
// acknowledged request is there (its retry gets the same id), every request that got no answer
// has exactly one outcome (its retry gets it), no transfer is half-applied (the restart rolls
// forward those the kill caught between debit and credit), nothing is applied twice, and the
// money is all there. Both granularities; ARCHBENCH_CRASH_ROUNDS=20 for the long run.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "common/conformance/backend_process.hpp"
#include "common/conformance/http_client.hpp"

namespace archbench::actor {
namespace {

namespace fs = std::filesystem;
using conformance::BackendProcess;
using conformance::HttpClient;
using conformance::json;
using namespace std::chrono_literals;

// A fresh directory under the system's temporary one, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "archbench-actor-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::unique_ptr<BackendProcess> start(const fs::path& journal, const std::string& granularity) {
  const fs::path binary = fs::read_symlink("/proc/self/exe").parent_path() / "archbench-actor";
  auto backend = std::make_unique<BackendProcess>(
      binary.string(),
      std::vector<std::string>{"--port", "0", "--threads", "2", "--actor-threads", "2",
                               "--granularity", granularity, "--journal", journal.string()});
  if (!backend->wait_until_listening(15s)) {
    ADD_FAILURE() << "archbench-actor did not start:\n" << backend->describe_output();
    return nullptr;
  }
  return backend;
}

struct Request {
  std::string path;
  json body;
};

struct Round {
  std::vector<std::string> accounts;
  std::mutex mutex;
  std::map<std::string, std::pair<Request, std::string>> acknowledged;  // request_id -> id
  std::vector<Request> unanswered;  // sent when the process died: outcome unknown
};

constexpr int kAccounts = 8;
constexpr long kFunding = 1'000'000;

void run_writer(BackendProcess& backend, Round& round, const std::atomic<bool>& stop, int writer) {
  HttpClient client(backend.host(), backend.port());
  const std::size_t n = round.accounts.size();
  for (std::size_t i = 0; !stop && i < 2000; ++i) {
    const std::size_t from = (writer * 3 + i) % n;
    const std::size_t to = (from + 1 + i % (n - 1)) % n;
    const std::string request_id = "w" + std::to_string(writer) + "-" + std::to_string(i);
    Request request = i % 4 == 3 ? Request{"/accounts/" + round.accounts[to] + "/deposits",
                                           json{{"amount", 1 + i % 7}, {"request_id", request_id}}}
                                 : Request{"/transfers", json{{"from", round.accounts[from]},
                                                              {"to", round.accounts[to]},
                                                              {"amount", 1 + i % 5},
                                                              {"currency", "EUR"},
                                                              {"request_id", request_id}}};
    const auto response = client.post(request.path, request.body);
    const std::lock_guard lock(round.mutex);
    if (response.status == 201) {
      round.acknowledged[request_id] = {std::move(request), response.body_json.value("id", "")};
    } else {
      EXPECT_EQ(response.status, 0) << response.body;  // funds are ample: only the kill stops us
      round.unanswered.push_back(std::move(request));
      return;
    }
  }
}

// The load, killed with SIGKILL `after` into it.
void load_and_kill(const fs::path& journal, const std::string& granularity, Round& round,
                   std::chrono::milliseconds after) {
  auto backend = start(journal, granularity);
  if (!backend) return;
  HttpClient client(backend->host(), backend->port());
  for (int i = 0; i < kAccounts; ++i) {
    const auto opened = client.post("/accounts", json{{"owner", "o"}, {"currency", "EUR"}});
    ASSERT_EQ(opened.status, 201) << opened.body;
    round.accounts.push_back(opened.body_json.value("id", ""));
    ASSERT_EQ(client
                  .post("/accounts/" + round.accounts.back() + "/deposits",
                        json{{"amount", kFunding}, {"request_id", "fund-" + std::to_string(i)}})
                  .status,
              201);
  }
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w)
    writers.emplace_back([&, w] { run_writer(*backend, round, stop, w); });
  std::this_thread::sleep_for(after);
  backend->kill_and_wait();  // SIGKILL: no drain, no flush
  stop = true;
  for (auto& writer : writers) writer.join();
}

void kill_round(const std::string& granularity, std::chrono::milliseconds after) {
  TempDir tmp;
  Round round;
  load_and_kill(tmp.path(), granularity, round, after);
  if (::testing::Test::HasFatalFailure()) return;
  auto backend = start(tmp.path(), granularity);
  ASSERT_TRUE(backend);
  HttpClient client(backend->host(), backend->port());

  std::size_t lost = 0;
  for (const auto& [request_id, acknowledged] : round.acknowledged) {
    const auto retry = client.post(acknowledged.first.path, acknowledged.first.body);
    if (retry.status != 201 || retry.body_json.value("id", "") != acknowledged.second) {
      ADD_FAILURE() << request_id << " was acknowledged as " << acknowledged.second
                    << ", after the restart: " << retry.status << " " << retry.body;
      ++lost;
    }
  }
  long deposited = 0;  // every deposit now has exactly one outcome: its retry's
  for (const auto& [request_id, acknowledged] : round.acknowledged) {
    if (acknowledged.first.path != "/transfers")
      deposited += acknowledged.first.body["amount"].get<long>();
  }
  for (const Request& request : round.unanswered) {
    const auto retry = client.post(request.path, request.body);
    EXPECT_EQ(retry.status, 201) << retry.body;
    if (request.path != "/transfers" && retry.status == 201)
      deposited += request.body["amount"].get<long>();
  }

  long total = 0;
  std::map<std::string, int> out_lines;
  std::map<std::string, int> in_lines;
  for (const std::string& account : round.accounts) {
    total += client.get("/accounts/" + account).body_json.value("balance", 0L);
    const auto history = client.get("/accounts/" + account + "/transactions?limit=1000").body_json;
    for (const auto& line : history.value("transactions", json::array())) {
      const std::string kind = line.value("kind", "");
      if (kind == "transfer_out") ++out_lines[line.value("id", "")];
      if (kind == "transfer_in") ++in_lines[line.value("id", "")];
    }
  }
  std::size_t broken = 0;
  for (const auto& [id, count] : out_lines) broken += count != 1 || in_lines[id] != 1;
  for (const auto& [id, count] : in_lines) broken += out_lines[id] != 1;
  EXPECT_EQ(broken, 0U) << "transfers half-applied or applied twice";
  EXPECT_EQ(total, kAccounts * kFunding + deposited);
  EXPECT_GT(round.acknowledged.size(), 0U) << "nothing was acknowledged before the kill";
  std::cout << "[ round   ] " << granularity << ": " << round.acknowledged.size()
            << " acknowledged, " << lost << " lost, " << round.unanswered.size()
            << " without an answer\n";
}

class ActorJournalKill : public ::testing::TestWithParam<std::string> {};
INSTANTIATE_TEST_SUITE_P(Granularity, ActorJournalKill, ::testing::Values("shard:2", "account"),
                         [](const auto& param) {
                           return param.param == "account" ? std::string("Account")
                                                           : std::string("Shard2");
                         });

TEST_P(ActorJournalKill, KillNineUnderLoadLosesNothingAcknowledgedAndAppliesNothingTwice) {
  const char* rounds_env = std::getenv("ARCHBENCH_CRASH_ROUNDS");
  const int rounds = rounds_env != nullptr ? std::atoi(rounds_env) : 2;
  for (int r = 0; r < rounds; ++r) {
    SCOPED_TRACE("round " + std::to_string(r + 1));
    kill_round(GetParam(), std::chrono::milliseconds(150 + (97 * r) % 200));
  }
}

}  // namespace
}  // namespace archbench::actor
