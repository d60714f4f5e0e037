// The driving adapter in process, through the shared front (common/ledger/testing: padded
// requests, no sockets), the hexagon behind it wired with test doubles (memory store,
// sequential ids, a broken store). It checks the translation, wire to domain and back, and what
// a failing store makes of an answer. The whole backend also runs the shared in-process contract
// suite here; the conformance suite checks the contract over real HTTP with every store.
#include "hexagonal/adapters/http/http_adapter.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "common/ledger/testing/contract_suite.hpp"
#include "common/ledger/testing/ledger_client.hpp"
#include "common/testing/redis_server.hpp"
#include "hexagonal/adapters/ids/sequential_id_generator.hpp"
#include "hexagonal/adapters/memory/memory_store.hpp"
#include "hexagonal/composition_root.hpp"

namespace archbench::hexagonal::adapters {
namespace {

using ledger::Route;
using ledger::testing::Answer;
using ledger::testing::LedgerClient;
using ledger::testing::LedgerContract;
using nlohmann::json;

// The whole backend over the memory store, answered inline and from another thread.
INSTANTIATE_TEST_SUITE_P(HexagonalMemory, LedgerContract,
                         ledger::testing::answered_inline_and_late([] {
                           return make_service("memory");
                         }),
                         ledger::testing::backend_name);

// What a store library might say: a path, a host, internals no client should read.
constexpr const char* kLibraryText = "disk I/O error at /var/lib/ledger.db (sqlite3_step)";

// A store that is down: every call throws, as a Redis adapter does when the server is gone.
class BrokenStore final : public ports::LedgerStore {
 public:
  void add_account(const domain::Account&) override { fail(); }
  std::optional<domain::Account> find_account(std::string_view) override { fail(); }
  std::optional<std::vector<domain::Transaction>> recent_transactions(std::string_view,
                                                                      int) override {
    fail();
  }
  std::uint64_t highest_id_number(std::string_view) override { return 0; }
  void atomically(const Work&) override { fail(); }

 private:
  [[noreturn]] static void fail() { throw std::runtime_error(kLibraryText); }
};

class HttpAdapterTest : public ::testing::Test {
 protected:
  Answer call(Route route, std::string_view account_id, const std::string& body, int limit = 20) {
    return client_.call(route, account_id, body, limit);
  }
  std::string open() {
    return call(Route::create_account, {}, R"({"owner":"Ada","currency":"EUR"})").value.at("id");
  }

  HttpAdapter http_{std::make_unique<MemoryStore>(), std::make_unique<SequentialIdGenerator>()};
  LedgerClient client_{http_};
};

TEST_F(HttpAdapterTest, CreatesAndGetsAccounts) {
  const Answer created = call(Route::create_account, {}, R"({"owner":"Ada","currency":"EUR"})");
  EXPECT_EQ(created.status, 201);
  EXPECT_EQ(created.body, R"({"id":"acc-1","owner":"Ada","currency":"EUR","balance":0})");
  EXPECT_EQ(call(Route::get_account, "acc-1", "").body, created.body);
  EXPECT_EQ(call(Route::get_account, "acc-9", "").code(), "account_not_found");
  EXPECT_EQ(client_.metrics().count(Route::create_account, 201), 1U);
}

TEST_F(HttpAdapterTest, MalformedBodiesNeverReachTheDomain) {
  EXPECT_EQ(call(Route::create_account, {}, R"({"owner":"Ada"})").code(), "bad_request");
  EXPECT_EQ(call(Route::transfer, {}, "not json").code(), "bad_request");
  EXPECT_EQ(open(), "acc-1") << "no account id was used up";
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

// The client learns that it failed and that nothing changed; the operator's log (stderr) gets
// the library's text. Every route that reaches the store, and a batch item.
TEST(HttpAdapterFailures, AFailingStoreAnswers500WithoutTheLibrarysText) {
  HttpAdapter http(std::make_unique<BrokenStore>(), std::make_unique<SequentialIdGenerator>());
  LedgerClient client(http);
  const std::string transfer =
      R"({"from":"a","to":"b","amount":1,"currency":"EUR","request_id":"t"})";
  const std::vector<std::pair<Route, std::string>> calls = {
      {Route::create_account, R"({"owner":"Ada","currency":"EUR"})"},
      {Route::get_account, ""},
      {Route::deposit, R"({"amount":1,"request_id":"d"})"},
      {Route::list_transactions, ""},
      {Route::transfer, transfer},
  };
  for (const auto& [route, body] : calls) {
    ::testing::internal::CaptureStderr();
    const Answer answer = client.call(route, "acc-1", body);
    const std::string log = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(answer.status, 500) << answer.body;
    EXPECT_EQ(answer.code(), "internal_error");
    EXPECT_EQ(answer.message(), "internal error: the request changed nothing");
    EXPECT_THAT(answer.body, ::testing::Not(::testing::HasSubstr("ledger.db")));
    EXPECT_THAT(log, ::testing::HasSubstr(kLibraryText));
  }

  ::testing::internal::CaptureStderr();
  const Answer batch =
      client.call(Route::transfer_batch, {}, R"({"transfers":[)" + transfer + "]}");
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(batch.status, 200);
  const json& item = batch.value.at("results").at(0);
  EXPECT_EQ(item.at("status"), 500);
  EXPECT_EQ(item.at("error").at("code"), "internal_error");
  EXPECT_THAT(batch.body, ::testing::Not(::testing::HasSubstr("ledger.db")));
  EXPECT_THAT(log, ::testing::HasSubstr(kLibraryText));
}

// The same with a real library: a redis-server stopped under a running backend. hiredis then
// reports a closed connection ("Connection reset by peer", "Server closed the connection"...):
// none of it may reach the client.
TEST(HttpAdapterFailures, ARedisServerStoppedMidRunAnswers500WithoutHiredisText) {
  if (archbench::testing::RedisServer::find_executable().empty()) {
    GTEST_SKIP() << "redis-server is not installed";
  }
  std::optional<archbench::testing::RedisServer> redis(std::in_place);
  const auto service = make_service(redis->url());
  LedgerClient client(*service);
  ASSERT_EQ(client.call(Route::create_account, {}, R"({"owner":"Ada","currency":"EUR"})").status,
            201);
  redis.reset();  // stopped: the pooled connection is now closed under the backend

  for (int attempt = 0; attempt < 2; ++attempt) {  // on the broken connection, then a new one
    ::testing::internal::CaptureStderr();
    const Answer answer = client.call(Route::deposit, "acc-1", R"({"amount":1,"request_id":"d"})");
    const std::string log = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(answer.status, 500) << answer.body;
    EXPECT_EQ(answer.message(), "internal error: the request changed nothing");
    EXPECT_THAT(log, ::testing::HasSubstr("redis")) << "the operator's log names the cause";
    for (const char* secret : {"redis", "hiredis", "onnection", "127.0.0.1"}) {
      EXPECT_THAT(answer.body, ::testing::Not(::testing::HasSubstr(secret)));
    }
  }
}

}  // namespace
}  // namespace archbench::hexagonal::adapters
