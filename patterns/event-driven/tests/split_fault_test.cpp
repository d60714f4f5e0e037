// The split deployment's faults, with real processes: a nats-server with JetStream, a projector
// (--role projector) and a command service (--role command), each its own process.
//
//   - kill -9 the projector under load: writes keep being acknowledged; history reads are 503
//     unavailable (Retry-After: 1) or right, never wrong; a restarted projector catches up from
//     its durable consumer and serves everything. Beside it, the same test against a projector
//     that reads from an ephemeral consumer starting at "new" (tests/wrong/): it must fail.
//   - kill -9 the command service under load, restart it: retrying every request (answered or
//     not) loses nothing acknowledged and applies nothing twice.
//   - stop nats-server: the front answers 503 and stays up; once the server is back it serves
//     again, and nothing acknowledged before the outage is lost.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "common/conformance/backend_process.hpp"
#include "common/conformance/fault_testing.hpp"
#include "common/conformance/http_client.hpp"
#include "common/testing/nats_server.hpp"

namespace archbench::event_driven {
namespace {

namespace fs = std::filesystem;
using conformance::BackendProcess;
using conformance::HttpClient;
using conformance::HttpResponse;
using conformance::json;
using namespace std::chrono_literals;
using fault_testing::is_unavailable;
using Clock = std::chrono::steady_clock;

constexpr const char* kProjector = "archbench-event-driven";
constexpr const char* kForgetfulProjector = "test-event-driven-forgetful-projector";

// Starts one role on `nats_url`. When it does not come up: a test failure, or, with `why`, the
// reason there (a wrong variant may well die on start).
std::unique_ptr<BackendProcess> start_role(const std::string& binary, const std::string& role,
                                           const std::string& nats_url,
                                           std::string* why = nullptr) {
  const fs::path path = fault_testing::sibling_executable(binary);
  auto process = std::make_unique<BackendProcess>(
      path.string(), std::vector<std::string>{"--host", "127.0.0.1", "--port", "0", "--threads",
                                              "2", "--role", role, "--log", nats_url});
  if (process->wait_until_listening(20s)) return process;
  const std::string message =
      binary + " --role " + role + " did not start:\n" + process->describe_output();
  if (why != nullptr) {
    *why = message;
  } else {
    ADD_FAILURE() << message;
  }
  return nullptr;
}

// Waits (bounded, 15 s unless told) until `done()`; false if the deadline passed first.
template <class Predicate>
bool eventually(Predicate done, Clock::duration timeout = 15s) {
  return fault_testing::eventually(done, timeout);
}

json deposit_body(int amount, const std::string& request_id) {
  return json{{"amount", amount}, {"request_id", request_id}};
}

// The ids of a history answer, oldest first.
std::vector<std::string> history_ids(const HttpResponse& response) {
  std::vector<std::string> ids;
  for (const auto& line : response.body_json["transactions"]) ids.push_back(line.value("id", ""));
  return {ids.rbegin(), ids.rend()};
}

// ---- kill -9 the projector under load ------------------------------------------------------

struct ProjectorKillResult {
  int write_failures = 0;  // writes not acknowledged: must be 0 (writes do not need it)
  std::size_t acked_while_down = 0;
  int unavailable_reads = 0;          // 503 unavailable with Retry-After: allowed
  int wrong_reads = 0;                // a 200 missing an acknowledged write, or any other answer
  bool served_after_restart = false;  // each history complete and exact, within the deadline
  std::string first_problem;
};

ProjectorKillResult kill_the_projector_under_load(const std::string& projector_binary) {
  ProjectorKillResult result;
  archbench::testing::NatsServer nats;
  auto projector = start_role(projector_binary, "projector", nats.url());
  auto front = start_role("archbench-event-driven", "command", nats.url());
  if (!projector || !front) return result;
  const std::string host = front->host();
  const std::uint16_t port = front->port();

  constexpr int kWriters = 3;
  constexpr int kMaxDepositsEach = 600;  // a history stays under the contract's 1000 lines
  std::vector<std::string> accounts;
  {
    HttpClient setup(host, port);
    for (int w = 0; w < kWriters; ++w) {
      accounts.push_back(setup.post("/accounts", json{{"owner", "w"}, {"currency", "EUR"}})
                             .body_json.value("id", ""));
    }
  }
  std::mutex mutex;  // guards acked, result's read counters and first_problem
  std::vector<std::vector<std::string>> acked(kWriters);  // deposit ids, oldest first
  std::atomic<std::size_t> total_acked = 0;
  std::atomic<bool> stop = false;
  auto problem = [&](const std::string& what) {
    if (result.first_problem.empty()) result.first_problem = what;
  };

  std::vector<std::jthread> load;
  load.reserve(kWriters + 1);  // and the reader
  for (int w = 0; w < kWriters; ++w) {
    load.emplace_back([&, w] {
      HttpClient client(host, port);
      for (int i = 0; i < kMaxDepositsEach && !stop; ++i) {
        const auto response =
            client.post("/accounts/" + accounts[w] + "/deposits",
                        deposit_body(1 + i % 7, "w" + std::to_string(w) + "-" + std::to_string(i)));
        {
          const std::lock_guard lock(mutex);
          if (response.status == 201) {
            acked[w].push_back(response.body_json.value("id", ""));
            ++total_acked;
          } else {
            ++result.write_failures;
            problem("a write was not acknowledged: " + std::to_string(response.status) + " " +
                    response.body);
          }
        }
        std::this_thread::sleep_for(10ms);  // a steady load that lasts the whole scenario
      }
    });
  }
  load.emplace_back([&] {  // the reader: every answer right, or 503
    HttpClient client(host, port);
    for (int n = 0; !stop; ++n) {
      const int w = n % kWriters;
      std::vector<std::string> before;
      {
        const std::lock_guard lock(mutex);
        before = acked[w];
      }
      const auto response = client.get("/accounts/" + accounts[w] + "/transactions?limit=1000");
      const std::lock_guard lock(mutex);
      if (is_unavailable(response)) {
        ++result.unavailable_reads;
        continue;
      }
      const auto ids = history_ids(response);
      const std::set<std::string> seen(ids.begin(), ids.end());
      bool complete = response.status == 200 && seen.size() == ids.size();
      for (const auto& id : before) complete = complete && seen.contains(id);
      if (!complete) {
        ++result.wrong_reads;
        problem("a history read missed acknowledged writes: " + std::to_string(response.status) +
                " " + response.body.substr(0, 300));
      }
      std::this_thread::sleep_for(1ms);
    }
  });

  auto acked_at_least = [&](std::size_t n) { return eventually([&] { return total_acked >= n; }); };
  acked_at_least(60);
  projector->kill_and_wait();  // kill -9
  const std::size_t at_kill = total_acked;
  // Down long enough for the reader to meet it many times (a query in flight at the kill waits
  // out the front's 2 s deadline), within the writers' budget.
  std::this_thread::sleep_for(3s);
  acked_at_least(at_kill + 50);
  result.acked_while_down = total_acked - at_kill;
  std::string restart_failure;
  projector = start_role(projector_binary, "projector", nats.url(), &restart_failure);
  acked_at_least(total_acked + 60);
  stop = true;
  load.clear();  // joins

  // After the restart: every history complete, exact and in order, within the deadline.
  HttpClient client(host, port);
  result.served_after_restart = eventually([&] {
    for (int w = 0; w < kWriters; ++w) {
      const auto response = client.get("/accounts/" + accounts[w] + "/transactions?limit=1000");
      if (response.status != 200 || history_ids(response) != acked[w]) return false;
    }
    return true;
  });
  if (!result.served_after_restart) {
    problem("after the restart the histories were not served complete; projector said:\n" +
            (projector ? projector->describe_output() : restart_failure));
  }
  return result;
}

TEST(SplitFaults, KillNineTheProjectorUnderLoadWritesGoOnReadsAreRightOr503ThenItCatchesUp) {
  const auto result = kill_the_projector_under_load(kProjector);
  EXPECT_EQ(result.write_failures, 0) << result.first_problem;
  EXPECT_GT(result.acked_while_down, 0U)
      << "no write was acknowledged while the projector was down";
  EXPECT_EQ(result.wrong_reads, 0) << result.first_problem;
  EXPECT_GT(result.unavailable_reads, 0) << "no history read met the dead projector";
  EXPECT_TRUE(result.served_after_restart) << result.first_problem;
  std::cout << "projector kill: " << result.acked_while_down << " writes acknowledged while down, "
            << result.unavailable_reads << " history reads answered 503\n";
}

// The wrong variant: a projector on an ephemeral consumer that starts at "new" forgets, on a
// restart, everything before it. The same test must fail on it.
TEST(SplitFaults, TheProjectorKillTestCatchesAProjectorThatForgetsOnRestart) {
  const auto result = kill_the_projector_under_load(kForgetfulProjector);
  EXPECT_TRUE(result.wrong_reads > 0 || !result.served_after_restart)
      << "a projector that loses its history on restart passed the kill test";
}

// ---- kill -9 the command service under load ------------------------------------------------

TEST(SplitFaults, KillNineTheCommandServiceThenRestartLosesNothingAndAppliesNothingTwice) {
  archbench::testing::NatsServer nats;
  auto projector = start_role(kProjector, "projector", nats.url());
  auto front = start_role("archbench-event-driven", "command", nats.url());
  ASSERT_TRUE(projector && front);

  constexpr int kWriters = 3;
  std::vector<std::string> accounts;
  {
    HttpClient setup(front->host(), front->port());
    for (int w = 0; w < kWriters; ++w) {
      accounts.push_back(setup.post("/accounts", json{{"owner", "w"}, {"currency", "EUR"}})
                             .body_json.value("id", ""));
    }
  }
  struct Sent {
    int writer;
    int amount;
    std::string answer_id;  // empty: no answer came (the front died first)
  };
  std::mutex mutex;
  std::map<std::string, Sent> sent;  // by request_id
  std::atomic<int> answered = 0;
  std::vector<std::jthread> load;
  load.reserve(kWriters);
  for (int w = 0; w < kWriters; ++w) {
    load.emplace_back([&, w, host = front->host(), port = front->port()] {
      HttpClient client(host, port);
      for (int i = 0; i < 300; ++i) {
        const std::string request_id = "w" + std::to_string(w) + "-" + std::to_string(i);
        const int amount = 1 + i % 5;
        {
          const std::lock_guard lock(mutex);
          sent[request_id] = {w, amount, ""};
        }
        const auto response =
            client.post("/accounts/" + accounts[w] + "/deposits", deposit_body(amount, request_id));
        if (response.status == 0) return;  // the front is gone
        const std::lock_guard lock(mutex);
        if (response.status == 201) sent[request_id].answer_id = response.body_json.value("id", "");
        ++answered;
      }
    });
  }
  ASSERT_TRUE(eventually([&] { return answered >= 150; }));
  front->kill_and_wait();  // kill -9, writes in flight
  load.clear();
  front = start_role("archbench-event-driven", "command", nats.url());
  ASSERT_TRUE(front);

  // Every request again, same request_id: an acknowledged one must get its first answer back
  // (it survived), an unanswered one is applied now or was already (idempotency decides).
  HttpClient client(front->host(), front->port());
  std::vector<long> expected_balance(kWriters, 0);
  int lost = 0;
  for (const auto& [request_id, request] : sent) {
    const auto response = client.post("/accounts/" + accounts[request.writer] + "/deposits",
                                      deposit_body(request.amount, request_id));
    ASSERT_EQ(response.status, 201) << request_id << ": " << response.body;
    if (!request.answer_id.empty() && response.body_json.value("id", "") != request.answer_id)
      ++lost;
    expected_balance[request.writer] += request.amount;
  }
  EXPECT_EQ(lost, 0) << "acknowledged deposits came back with another id: lost and redone";
  for (int w = 0; w < kWriters; ++w) {
    // Each request applied exactly once: the balance is the sum of the distinct requests...
    EXPECT_EQ(client.get("/accounts/" + accounts[w]).body_json.value("balance", -1L),
              expected_balance[w]);
    // ...and the projector's history holds each deposit once.
    HttpResponse history;
    ASSERT_TRUE(eventually([&] {
      history = client.get("/accounts/" + accounts[w] + "/transactions?limit=1000");
      return history.status == 200;
    })) << history.body;
    const auto ids = history_ids(history);
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
    EXPECT_EQ(static_cast<long>(ids.size()),
              std::count_if(sent.begin(), sent.end(),
                            [&](const auto& entry) { return entry.second.writer == w; }));
  }
}

// ---- stop nats-server ------------------------------------------------------------------------

TEST(SplitFaults, WithTheBrokerStoppedTheFrontAnswers503AndRecoversWhenItIsBack) {
  archbench::testing::NatsServer nats;
  auto projector = start_role(kProjector, "projector", nats.url());
  auto front = start_role("archbench-event-driven", "command", nats.url());
  ASSERT_TRUE(projector && front);
  HttpClient client(front->host(), front->port());
  const std::string account =
      client.post("/accounts", json{{"owner", "o"}, {"currency", "EUR"}}).body_json.value("id", "");
  ASSERT_EQ(client.post("/accounts/" + account + "/deposits", deposit_body(100, "before")).status,
            201);

  nats.stop();
  for (int i = 0; i < 5; ++i) {
    const auto write = client.post("/accounts/" + account + "/deposits", deposit_body(7, "during"));
    EXPECT_TRUE(is_unavailable(write))
        << "a write with the broker down: " << write.status << " " << write.body;
    const auto history = client.get("/accounts/" + account + "/transactions");
    EXPECT_TRUE(is_unavailable(history))
        << "a history read with the broker down: " << history.status << " " << history.body;
  }
  EXPECT_FALSE(front->poll_exit().has_value()) << front->describe_output();

  nats.restart();
  HttpResponse write;
  EXPECT_TRUE(eventually([&] {
    write = client.post("/accounts/" + account + "/deposits", deposit_body(7, "during"));
    return write.status == 201;
  })) << "the front did not recover: "
      << write.status << " " << write.body << "\n"
      << front->describe_output();
  EXPECT_EQ(write.body_json.value("balance", -1L), 107);
  HttpResponse history;
  EXPECT_TRUE(eventually([&] {
    history = client.get("/accounts/" + account + "/transactions");
    return history.status == 200;
  })) << history.body;
  EXPECT_EQ(history_ids(history), (std::vector<std::string>{"dep-1", "dep-2"})) << history.body;
}

}  // namespace
}  // namespace archbench::event_driven
