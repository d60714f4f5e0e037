// Supervision that loses no money: account actors that throw are restarted from their journals
// by their supervisors, requests caught in the crash answer 503 `unavailable`, and retried with
// the same request_id they take effect exactly once. Both granularities.
#include <gtest/gtest.h>

#include <caf/all.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "actor/http/actor_service.hpp"
#include "actor/messages.hpp"
#include "actor/tests/chaos_scenario.hpp"
#include "common/ledger/testing/in_process_client.hpp"

namespace archbench::actor {
namespace {

using ledger::testing::InProcessClient;
using nlohmann::json;

ActorOptions options_for(const std::string& granularity) {
  ActorOptions options = default_options();
  options.threads = 2;
  parse_granularity(granularity, options);
  return options;
}

std::string granularity_name(const ::testing::TestParamInfo<std::string>& param) {
  return param.param == "account" ? std::string("Account") : "Shard" + param.param.substr(6);
}

class ActorSupervision : public ::testing::TestWithParam<std::string> {};
INSTANTIATE_TEST_SUITE_P(Granularity, ActorSupervision, ::testing::Values("account", "shard:3"),
                         granularity_name);

// An account actor that throws between two messages is restarted by its supervisor, from its
// journal: the account, its balance and its history are back, and it serves again.
TEST_P(ActorSupervision, ACrashedActorIsRestartedFromItsJournal) {
  ActorService service(options_for(GetParam()));
  InProcessClient client(service, "actor");
  ASSERT_EQ(client.send("POST", "/accounts", R"({"owner":"Ada","currency":"EUR"})").status, 201);
  ASSERT_EQ(
      client.send("POST", "/accounts/acc-1/deposits", R"({"amount":10,"request_id":"a"})").status,
      201);
  const std::string before = client.send("GET", "/accounts/acc-1/transactions").body;
  caf::anon_send(service.owner_of("acc-1"), Crash{.after_next_write = false, .pick = 0});
  while (service.restarts() < 1) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  http::Response after = client.send("GET", "/accounts/acc-1/transactions");
  // The request may have met the dead actor before its supervisor heard: 503, then served.
  while (after.status == 503) after = client.send("GET", "/accounts/acc-1/transactions");
  EXPECT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(after.body, before);
  EXPECT_EQ(service.restarts(), 1U);
}

// The crash in the worst place: after the journal write, before the answer. The change is
// kept (it was journaled); the client, told 503 with Retry-After, retries with the same
// request_id and gets it, once.
TEST_P(ActorSupervision, ACrashAfterTheJournalWriteKeepsTheChangeOnce) {
  ActorService service(options_for(GetParam()));
  InProcessClient client(service, "actor");
  ASSERT_EQ(client.send("POST", "/accounts", R"({"owner":"Ada","currency":"EUR"})").status, 201);
  caf::anon_send(service.owner_of("acc-1"), Crash{.after_next_write = true, .pick = 0});
  const http::Response& first =
      client.send("POST", "/accounts/acc-1/deposits", R"({"amount":5,"request_id":"r"})");
  EXPECT_EQ(first.status, 503) << first.body;
  EXPECT_EQ(first.extra_headers, "Retry-After: 1\r\n");
  const http::Response& retry =
      client.send("POST", "/accounts/acc-1/deposits", R"({"amount":5,"request_id":"r"})");
  EXPECT_EQ(retry.status, 201) << retry.body;
  const http::Response& history = client.send("GET", "/accounts/acc-1/transactions");
  ASSERT_EQ(history.status, 200) << history.body;
  EXPECT_EQ(json::parse(history.body).at("transactions").size(), 1U) << history.body;
  EXPECT_EQ(service.restarts(), 1U);
}

// Issue #11's scenario: concurrent transfers and deposits while a random account actor throws
// every 2 ms, until at least 10 restarts; then every check of chaos_scenario.hpp.
TEST_P(ActorSupervision, ConcurrentTransfersSurviveRepeatedCrashes) {
  ActorOptions options = options_for(GetParam());
  options.chaos_crash_every_ms = 2;
  ActorService service(options);
  const testing::ChaosReport report = testing::run_chaos_scenario(service, 4, 60, 10);
  EXPECT_TRUE(report.violations.empty()) << ::testing::PrintToString(report.violations);
  EXPECT_GE(report.restarts, 10U);
  EXPECT_GT(report.acknowledged, 0);
  std::string metrics;
  service.append_metrics("actor", metrics);
  EXPECT_NE(metrics.find("archbench_actor_restarts_total{backend=\"actor\",kind=\"account\"} "),
            std::string::npos)
      << metrics;
}

}  // namespace
}  // namespace archbench::actor
