// The actor backend in-process, through the shared front (InProcessClient): the contract's
// details close to the code, with both granularities, answered from actor threads. The
// conformance suite checks the same contract over HTTP; these also look inside (in-flight
// counts, the drain, the overload bound) where HTTP cannot.
#include "actor/http/actor_service.hpp"

#include <gtest/gtest.h>

#include <caf/all.hpp>
#include <future>
#include <latch>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "common/ledger/testing/in_process_client.hpp"

namespace archbench::actor {
namespace {

using ledger::testing::InProcessClient;
using nlohmann::json;

struct Answer {
  int status = 0;
  std::string body;
  json value;
  [[nodiscard]] std::string code() const {
    return value.contains("error") ? value["error"].value("code", "") : "";
  }
};

Answer send(InProcessClient& client, std::string_view method, const std::string& target,
            const std::string& body = {}) {
  const http::Response& response = client.send(method, target, body);
  Answer answer{response.status, response.body, {}};
  answer.value = json::parse(answer.body, nullptr, /*allow_exceptions=*/false);
  return answer;
}

std::string transfer_body(const std::string& from, const std::string& to, const std::string& amount,
                          const std::string& rid, const std::string& currency = "EUR") {
  return R"({"from":")" + from + R"(","to":")" + to + R"(","amount":)" + amount +
         R"(,"currency":")" + currency + R"(","request_id":")" + rid + "\"}";
}

ActorOptions options_for(const std::string& granularity) {
  ActorOptions options = default_options();
  options.threads = 2;
  parse_granularity(granularity, options);
  return options;
}

// True once every in-flight count is back to zero (within a second). A ticket gives its slot
// back just after its answer leaves, so a client can see the answer a moment before the count.
bool settles_to_zero(const ActorService& service) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  while (service.in_flight() != 0) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

class ActorLedger : public ::testing::TestWithParam<std::string> {
 protected:
  ActorLedger() : service_(options_for(GetParam())), client_(service_, "actor") {}

  Answer call(std::string_view method, const std::string& target, const std::string& body = {}) {
    return send(client_, method, target, body);
  }
  std::string open(const std::string& currency = "EUR") {
    const Answer answer =
        call("POST", "/accounts", R"({"owner":"Ada","currency":")" + currency + "\"}");
    EXPECT_EQ(answer.status, 201) << answer.body;
    return answer.value.value("id", "");
  }
  Answer deposit(const std::string& account, ledger::Money amount, const std::string& rid) {
    return call("POST", "/accounts/" + account + "/deposits",
                R"({"amount":)" + std::to_string(amount) + R"(,"request_id":")" + rid + "\"}");
  }
  Answer transfer(const std::string& from, const std::string& to, const std::string& amount,
                  const std::string& rid, const std::string& currency = "EUR") {
    return call("POST", "/transfers", transfer_body(from, to, amount, rid, currency));
  }
  ledger::Money balance(const std::string& account) {
    return call("GET", "/accounts/" + account).value.at("balance").get<ledger::Money>();
  }

  ActorService service_;
  InProcessClient client_;
};

// Test names: Granularity/ActorLedger.Case/Account, .../Shard1, .../Shard3.
std::string granularity_name(const ::testing::TestParamInfo<std::string>& param) {
  return param.param == "account" ? std::string("Account") : "Shard" + param.param.substr(6);
}
INSTANTIATE_TEST_SUITE_P(Granularity, ActorLedger,
                         ::testing::Values("account", "shard:1", "shard:3"), granularity_name);

// The transfer's checks are spread over two actors and the coordinator: the answer must still
// be the first refusal in the contract's order, with the baseline's words.
TEST_P(ActorLedger, TransferChecksRunInTheContractsOrder) {
  const std::string eur = open("EUR");
  const std::string usd = open("USD");
  const std::string poor = open("EUR");
  (void)deposit(eur, 1000, "d");
  ASSERT_EQ(transfer(eur, poor, "1", "used").status, 201);
  EXPECT_EQ(call("POST", "/transfers", R"({"from":"x"})").code(), "bad_request");
  EXPECT_EQ(transfer("x", "x", "0", "used", "eur").code(), "invalid_amount");
  EXPECT_EQ(transfer("x", "x", "1", "used", "eur").code(), "invalid_currency");
  EXPECT_EQ(transfer("x", "x", "1", "used").code(), "same_account");
  EXPECT_EQ(transfer("x", "y", "1", "used", "USD").code(), "idempotency_conflict");
  EXPECT_EQ(transfer("x", usd, "5000", "new").code(), "account_not_found");
  EXPECT_EQ(transfer("x", usd, "5000", "new").value["error"]["message"],
            "account x does not exist");
  EXPECT_EQ(transfer(poor, "y", "5000", "new").value["error"]["message"],
            "account y does not exist");
  // Both wrong currencies: the source's refusal comes first.
  EXPECT_EQ(transfer(usd, poor, "5000", "new", "GBP").value["error"]["message"],
            "account " + usd + " holds USD, not GBP");
  EXPECT_EQ(transfer(poor, usd, "5000", "new").code(), "currency_mismatch");
  // The destination's wrong currency comes before the source's missing money.
  EXPECT_EQ(transfer(poor, usd, "5000", "new").value["error"]["message"],
            "account " + usd + " holds USD, not EUR");
  const Answer broke = transfer(poor, eur, "5000", "new");
  EXPECT_EQ(broke.status, 409);
  EXPECT_EQ(broke.value["error"]["message"], "account " + poor + " holds 1, needs 5000");
  EXPECT_EQ(balance(eur) + balance(poor), 1000);
}

TEST_P(ActorLedger, IdsAreTakenOnlyBySuccesses) {
  const std::string a = open();
  EXPECT_EQ(a, "acc-1");
  EXPECT_EQ(call("POST", "/accounts", R"({"owner":"Ada","currency":"euro"})").code(),
            "invalid_currency");
  const std::string b = open();
  EXPECT_EQ(b, "acc-2");
  EXPECT_EQ(deposit("ghost", 100, "d-0").code(), "account_not_found");
  EXPECT_EQ(deposit(a, 100, "d-1").value.at("id"), "dep-1");
  EXPECT_EQ(deposit(a, 100, "d-1").value.at("id"), "dep-1");  // replay
  EXPECT_EQ(deposit(a, 5, "d-1").code(), "idempotency_conflict");
  EXPECT_EQ(deposit(a, 100, "d-2").value.at("id"), "dep-2");
  EXPECT_EQ(transfer(a, b, "1000", "t-0").code(), "insufficient_funds");
  EXPECT_EQ(transfer(a, b, "150", "t-1").value.at("id"), "tr-1");
  EXPECT_EQ(transfer(a, b, "150", "t-1").value.at("id"), "tr-1");  // replay
  EXPECT_EQ(transfer(b, a, "1", "t-2").value.at("id"), "tr-2");
}

TEST_P(ActorLedger, BothHistoriesCarryATransfer) {
  const std::string a = open();
  const std::string b = open();
  (void)deposit(a, 5000, "d");
  const Answer moved =
      call("POST", "/transfers",
           R"({"from":")" + a + R"(","to":")" + b +
               R"(","amount":1250,"currency":"EUR","request_id":"t","memo":"rent"})");
  ASSERT_EQ(moved.status, 201) << moved.body;
  const json out = call("GET", "/accounts/" + a + "/transactions").value.at("transactions");
  const json in = call("GET", "/accounts/" + b + "/transactions").value.at("transactions");
  ASSERT_EQ(out.size(), 2U);
  ASSERT_EQ(in.size(), 1U);
  EXPECT_EQ(out[0], (json{{"id", moved.value["id"]},
                          {"kind", "transfer_out"},
                          {"amount", 1250},
                          {"balance_after", 3750},
                          {"counterparty", b},
                          {"memo", "rent"}}));
  EXPECT_EQ(in[0], (json{{"id", moved.value["id"]},
                         {"kind", "transfer_in"},
                         {"amount", 1250},
                         {"balance_after", 1250},
                         {"counterparty", a},
                         {"memo", "rent"}}));
}

TEST_P(ActorLedger, BatchItemsSeeTheirPredecessors) {
  const std::string a = open();
  const std::string b = open();
  (void)deposit(a, 100, "d");
  const std::string body = R"({"transfers":[)" + transfer_body(a, b, "60", "b1") + "," +
                           transfer_body(a, b, "60", "b2") + "," +  // only 40 left
                           transfer_body(a, b, "60", "b1") + "," +  // replay of the first
                           transfer_body(a, b, "1", "b1") + "," +   // conflict with the first
                           R"({"from":"x"},)" + transfer_body(a, b, "40", "b3") + "]}";
  const Answer answer = call("POST", "/transfers/batch", body);
  ASSERT_EQ(answer.status, 200) << answer.body;
  const json& results = answer.value.at("results");
  ASSERT_EQ(results.size(), 6U);
  EXPECT_EQ(results[0].at("status"), 201);
  EXPECT_EQ(results[1].at("error").at("code"), "insufficient_funds");
  EXPECT_EQ(results[2].at("id"), results[0].at("id"));
  EXPECT_EQ(results[3].at("error").at("code"), "idempotency_conflict");
  EXPECT_EQ(results[4].at("status"), 400);
  EXPECT_EQ(results[5].at("status"), 201);
  EXPECT_EQ(balance(a), 0);
  EXPECT_EQ(balance(b), 100);
}

// Many clients at once on a few accounts, answered from actor threads: the money is all there,
// no balance is negative, and every transfer is in both histories or in neither.
TEST_P(ActorLedger, ConcurrentTransfersKeepTheSum) {
  constexpr int kAccounts = 4;
  constexpr int kThreads = 4;
  // Under ThreadSanitizer every message costs about forty times as much (CAF's scheduler threads
  // poll through uninstrumented atomics): 60 a thread still interleave four clients on four
  // accounts, which is what the race detector needs, in seconds rather than half a minute.
#if defined(__SANITIZE_THREAD__)
  constexpr int kTransfersPerThread = 60;
#else
  constexpr int kTransfersPerThread = 300;
#endif
  std::vector<std::string> accounts;
  accounts.reserve(kAccounts);
  for (int i = 0; i < kAccounts; ++i) {
    accounts.push_back(open());
    (void)deposit(accounts.back(), 1000, "seed-" + std::to_string(i));
  }
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  std::atomic<int> moved{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      InProcessClient client(service_, "actor");
      for (int i = 0; i < kTransfersPerThread; ++i) {
        const auto& from = accounts[static_cast<std::size_t>((t + i) % kAccounts)];
        const auto& to = accounts[static_cast<std::size_t>((t + 2 * i + 1) % kAccounts)];
        if (from == to) continue;
        const Answer answer =
            send(client, "POST", "/transfers",
                 transfer_body(from, to, std::to_string(1 + i % 300),
                               "c-" + std::to_string(t) + "-" + std::to_string(i)));
        EXPECT_TRUE(answer.status == 201 || answer.code() == "insufficient_funds") << answer.body;
        if (answer.status == 201) ++moved;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ledger::Money sum = 0;
  std::size_t lines = 0;
  for (const auto& account : accounts) {
    EXPECT_GE(balance(account), 0);
    sum += balance(account);
    lines += call("GET", "/accounts/" + account + "/transactions?limit=1000")
                 .value.at("transactions")
                 .size();
  }
  EXPECT_EQ(sum, kAccounts * 1000);
  EXPECT_EQ(lines, static_cast<std::size_t>(kAccounts + 2 * moved.load()));
  EXPECT_TRUE(settles_to_zero(service_)) << service_.in_flight();
}

// The same transfer sent by many clients at once, the first still in flight when the others
// arrive: it happens once, and every client gets the first answer.
TEST_P(ActorLedger, ConcurrentRetriesOfATransferTakeEffectOnce) {
  const std::string a = open();
  const std::string b = open();
  (void)deposit(a, 1000, "d");
  constexpr int kThreads = 6;
  std::vector<std::future<Answer>> answers;
  answers.reserve(kThreads);
  std::latch start(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    answers.push_back(std::async(std::launch::async, [&] {
      InProcessClient client(service_, "actor");
      start.arrive_and_wait();
      return send(client, "POST", "/transfers", transfer_body(a, b, "100", "once"));
    }));
  }
  std::set<std::string> bodies;
  for (auto& answer : answers) {
    const Answer got = answer.get();
    EXPECT_EQ(got.status, 201) << got.body;
    bodies.insert(got.body);
  }
  EXPECT_EQ(bodies.size(), 1U);
  EXPECT_EQ(balance(a), 900);
  EXPECT_EQ(balance(b), 100);
}

// A request_id racing with two bodies: exactly one wins, the other is 409, nothing moves twice.
TEST_P(ActorLedger, RacingBodiesUnderOneRequestIdLetExactlyOneWin) {
  const std::string a = open();
  const std::string b = open();
  (void)deposit(a, 1000, "d");
  std::latch start(2);
  auto racer = [&](const std::string& amount) {
    InProcessClient client(service_, "actor");
    start.arrive_and_wait();
    return send(client, "POST", "/transfers", transfer_body(a, b, amount, "race"));
  };
  auto first = std::async(std::launch::async, racer, "100");
  auto second = std::async(std::launch::async, racer, "200");
  const Answer one = first.get();
  const Answer two = second.get();
  EXPECT_EQ((one.status == 201) + (two.status == 201), 1) << one.body << two.body;
  EXPECT_EQ((one.code() == "idempotency_conflict") + (two.code() == "idempotency_conflict"), 1);
  EXPECT_EQ(balance(a) + balance(b), 1000);
  EXPECT_TRUE(balance(b) == 100 || balance(b) == 200);
}

// Holds the scheduler's only thread (ActorOptions::threads = 1) until `until` is ready: no
// actor runs meanwhile, so requests pile up where the test wants them. Returns once held. (The
// function takes arguments on purpose: CAF 0.17 dereferences a null pointer when it spawns a
// function without any, which UBSan reports.)
void hold_scheduler(ActorService& service, std::shared_future<void> until) {
  std::promise<void> holding;
  service.system().spawn(
      [](caf::event_based_actor*, const std::shared_future<void>& release,
         std::promise<void>* held) -> caf::behavior {
        held->set_value();
        release.wait();
        return {};
      },
      std::move(until), &holding);
  holding.get_future().wait();
}

// Backpressure, made deterministic: the only scheduler thread is held by a blocked actor, so
// nothing is answered; the third request to one actor with --max-in-flight 2 is refused at once
// with 503 overloaded and Retry-After, and the two it holds are answered once it runs again.
TEST(ActorBackpressure, PastMaxInFlightTheAnswerIs503Overloaded) {
  ActorOptions options = options_for("shard:1");
  options.threads = 1;
  options.max_in_flight = 2;
  ActorService service(options);
  InProcessClient setup(service, "actor");
  ASSERT_EQ(send(setup, "POST", "/accounts", R"({"owner":"Ada","currency":"EUR"})").status, 201);

  std::promise<void> release;
  hold_scheduler(service, release.get_future().share());

  std::vector<std::future<Answer>> held;
  held.reserve(2);
  for (int i = 0; i < 2; ++i) {
    held.push_back(std::async(std::launch::async, [&service] {
      InProcessClient client(service, "actor");
      return send(client, "GET", "/accounts/acc-1");
    }));
  }
  while (service.in_flight() < 2) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  const http::Response& refused = setup.send("GET", "/accounts/acc-1");
  EXPECT_EQ(refused.status, 503);
  EXPECT_NE(refused.body.find("\"overloaded\""), std::string::npos) << refused.body;
  EXPECT_EQ(refused.extra_headers, "Retry-After: 1\r\n");
  std::string metrics;
  service.append_metrics("actor", metrics);
  EXPECT_NE(metrics.find("archbench_actor_in_flight{backend=\"actor\",kind=\"account\"} 2"),
            std::string::npos)
      << metrics;

  release.set_value();
  for (auto& answer : held) EXPECT_EQ(answer.get().status, 200);
  EXPECT_EQ(send(setup, "GET", "/accounts/acc-1").status, 200);  // the slot came back
}

// stop() with requests in flight: each is answered (here by the actors, once they run again)
// before stop() returns, and no actor is left running.
TEST(ActorShutdown, StopAnswersEverythingInFlight) {
  ActorOptions options = options_for("shard:2");
  options.threads = 1;
  ActorService service(options);
  InProcessClient setup(service, "actor");
  ASSERT_EQ(send(setup, "POST", "/accounts", R"({"owner":"Ada","currency":"EUR"})").status, 201);

  // The actors are held for 200 ms, while a request waits and stop() is called.
  auto in_200_ms = std::async(std::launch::async,
                              [] { std::this_thread::sleep_for(std::chrono::milliseconds(200)); });
  hold_scheduler(service, in_200_ms.share());
  auto pending = std::async(std::launch::async, [&service] {
    InProcessClient client(service, "actor");
    return send(client, "POST", "/accounts/acc-1/deposits", R"({"amount":5,"request_id":"r"})");
  });
  while (service.in_flight() < 1) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  service.stop();
  EXPECT_EQ(service.in_flight(), 0);
  EXPECT_EQ(pending.get().status, 201);
}

}  // namespace
}  // namespace archbench::actor
