// The driving adapter in process: Calls in, captured Responses out, the hexagon behind it
// wired with test doubles (memory store, sequential ids). It checks the translation, wire to
// domain and back; the conformance suite checks the whole contract over real HTTP.
#include "hexagonal/adapters/http/http_adapter.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/ledger/testing/service_call.hpp"
#include "hexagonal/adapters/ids/sequential_id_generator.hpp"
#include "hexagonal/adapters/memory/memory_store.hpp"

namespace archbench::hexagonal::adapters {
namespace {

using ledger::Route;
using ledger::testing::Answer;
using ledger::testing::CapturingSink;
using nlohmann::json;

// A store that is down: every call throws, as a Redis adapter does when the server is gone.
class BrokenStore final : public ports::LedgerStore {
 public:
  void add_account(const domain::Account&) override { fail(); }
  std::optional<domain::Account> find_account(std::string_view) override { fail(); }
  std::optional<std::vector<domain::Transaction>> recent_transactions(std::string_view,
                                                                      int) override {
    fail();
  }
  void atomically(const Work&) override { fail(); }

 private:
  [[noreturn]] static void fail() { throw std::runtime_error("store unreachable"); }
};

class HttpAdapterTest : public ::testing::Test {
 protected:
  Answer call(Route route, std::string_view account_id, const std::string& body, int limit = 20) {
    return ledger::testing::call(http_, metrics_, route, account_id, body, limit);
  }
  std::string open() {
    return call(Route::create_account, {}, R"({"owner":"Ada","currency":"EUR"})").value.at("id");
  }

  MemoryStore store_;
  SequentialIdGenerator ids_;
  application::Ledger ledger_{store_, ids_};
  HttpAdapter http_{ledger_};
  ledger::Metrics metrics_;
};

TEST_F(HttpAdapterTest, CreatesAndGetsAccounts) {
  const Answer created = call(Route::create_account, {}, R"({"owner":"Ada","currency":"EUR"})");
  EXPECT_EQ(created.status, 201);
  EXPECT_EQ(created.body, R"({"id":"acc-1","owner":"Ada","currency":"EUR","balance":0})");
  EXPECT_EQ(call(Route::get_account, "acc-1", "").body, created.body);
  EXPECT_EQ(call(Route::get_account, "acc-9", "").code(), "account_not_found");
  EXPECT_EQ(metrics_.count(Route::create_account, 201), 1U);
}

TEST_F(HttpAdapterTest, MalformedBodiesNeverReachTheDomain) {
  EXPECT_EQ(call(Route::create_account, {}, R"({"owner":"Ada"})").code(), "bad_request");
  EXPECT_EQ(call(Route::transfer, {}, "not json").code(), "bad_request");
  EXPECT_EQ(ids_.next_id(ports::IdKind::account), "acc-1") << "no account id was used up";
}

TEST_F(HttpAdapterTest, TranslatesTheDomainsRefusals) {
  const auto a = open();
  const auto b = open();
  EXPECT_EQ(call(Route::create_account, {}, R"({"owner":"Ada","currency":"eur"})").code(),
            "invalid_currency");
  EXPECT_EQ(call(Route::deposit, a, R"({"amount":0,"request_id":"d"})").code(), "invalid_amount");
  const Answer poor = call(Route::transfer, {},
                           R"({"from":")" + a + R"(","to":")" + b +
                               R"(","amount":5,"currency":"EUR","request_id":"t"})");
  EXPECT_EQ(poor.status, 409);
  EXPECT_EQ(poor.code(), "insufficient_funds");
}

TEST_F(HttpAdapterTest, DepositsTransfersAndHistory) {
  const auto a = open();
  const auto b = open();
  const Answer deposit = call(Route::deposit, a, R"({"amount":500,"request_id":"d-1"})");
  EXPECT_EQ(deposit.status, 201);
  EXPECT_EQ(deposit.body, R"({"id":"dep-1","account":")" + a + R"(","amount":500,"balance":500})");

  const Answer transfer =
      call(Route::transfer, {},
           R"({"from":")" + a + R"(","to":")" + b +
               R"(","amount":125,"currency":"EUR","request_id":"t-1","memo":"rent"})");
  EXPECT_EQ(transfer.status, 201);
  EXPECT_EQ(transfer.value.at("status"), "completed");

  const Answer history = call(Route::list_transactions, a, "");
  EXPECT_EQ(history.status, 200);
  const json& lines = history.value.at("transactions");
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0].at("kind"), "transfer_out");
  EXPECT_EQ(lines[0].at("balance_after"), 375);
  EXPECT_EQ(lines[0].at("counterparty"), b);
  EXPECT_EQ(lines[0].at("memo"), "rent");
  EXPECT_EQ(lines[1].at("kind"), "deposit");
}

TEST_F(HttpAdapterTest, BatchItemsStandAlone) {
  const auto a = open();
  const auto b = open();
  (void)call(Route::deposit, a, R"({"amount":10,"request_id":"d-1"})");
  const std::string item = R"({"from":")" + a + R"(","to":")" + b + R"(","currency":"EUR",)";
  const Answer batch = call(Route::transfer_batch, {},
                            R"({"transfers":[)" + item + R"("amount":10,"request_id":"1"},)" +
                                item + R"("amount":10,"request_id":"2"},)" + R"({"from":1}]})");
  EXPECT_EQ(batch.status, 200);
  const json& results = batch.value.at("results");
  ASSERT_EQ(results.size(), 3U);
  EXPECT_EQ(results[0].at("status"), 201);
  EXPECT_EQ(results[1].at("status"), 409);
  EXPECT_EQ(results[1].at("error").at("code"), "insufficient_funds");
  EXPECT_EQ(results[2].at("status"), 400);
}

TEST(HttpAdapterFailures, AFailingStoreAnswers500) {
  BrokenStore store;
  SequentialIdGenerator ids;
  application::Ledger ledger(store, ids);
  HttpAdapter http(ledger);
  ledger::Metrics metrics;
  CapturingSink sink;
  const std::string body = R"({"owner":"Ada","currency":"EUR"})";
  http.handle(
      ledger::Call{.route = Route::create_account, .account_id = {}, .limit = 20, .body = body},
      ledger::Reply(http::Responder(&sink, nullptr), &metrics, Route::create_account));
  ASSERT_EQ(sink.responses.size(), 1U);
  EXPECT_EQ(sink.responses[0].status, 500);
  EXPECT_EQ(json::parse(sink.responses[0].body).at("error").at("code"), "internal_error");
}

}  // namespace
}  // namespace archbench::hexagonal::adapters
