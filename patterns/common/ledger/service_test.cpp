// The shared front without sockets: requests go through make_http_handler() into a capturing
// ResponseSink, and a fake Service records what reaches it.
#include "common/ledger/service.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <vector>

#include "common/ledger/messages.hpp"

namespace archbench::ledger {
namespace {

using ::testing::HasSubstr;

class CapturingSink final : public http::ResponseSink {
 public:
  void complete(http::Response&& response) override { responses.push_back(std::move(response)); }
  std::vector<http::Response> responses;
};

// Records each Call (copying its views) and answers 201 with the body it was given.
class EchoService final : public Service {
 public:
  struct Seen {
    Route route;
    std::string account_id;
    int limit;
    std::string body;
  };
  void handle(const Call& call, Reply reply) override {
    seen.push_back({call.route, std::string(call.account_id), call.limit, std::string(call.body)});
    if (call.route == Route::transfer) {
      reply.error(ErrorCode::insufficient_funds, "account a12 holds 500, needs 1250");
    } else {
      reply.send(201, std::string(call.body));
    }
  }
  std::vector<Seen> seen;
};

class ServiceFront : public ::testing::Test {
 protected:
  // Sends one request through the front and returns its response.
  http::Response request(std::string_view method, std::string_view target,
                         std::string_view body = {}) {
    CapturingSink sink;
    handler_(http::Request{method, target, body}, http::Responder(&sink, nullptr));
    EXPECT_EQ(sink.responses.size(), 1U) << method << ' ' << target;
    return sink.responses.empty() ? http::Response{} : std::move(sink.responses.front());
  }
  static std::string error_code(const http::Response& response) {
    return nlohmann::json::parse(response.body).at("error").at("code").get<std::string>();
  }

  EchoService service_;
  Metrics metrics_;
  http::Handler handler_ = make_http_handler(service_, metrics_, "test");
};

TEST_F(ServiceFront, HealthIsOkJson) {
  const http::Response response = request("GET", "/health");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"status":"ok"})");
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_TRUE(service_.seen.empty());
}

TEST_F(ServiceFront, MetricsCountEveryAnswer) {
  (void)request("GET", "/health");
  (void)request("POST", "/accounts", "{}");
  (void)request("POST", "/transfers", "{}");
  (void)request("GET", "/nope");
  const http::Response response = request("GET", "/metrics");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "text/plain; version=0.0.4");
  EXPECT_THAT(response.body, HasSubstr("# TYPE archbench_requests_total counter\n"));
  for (const char* series : {R"({backend="test",route="health",status="200"} 1)",
                             R"({backend="test",route="create_account",status="201"} 1)",
                             R"({backend="test",route="transfer",status="409"} 1)",
                             R"({backend="test",route="unknown",status="404"} 1)"}) {
    EXPECT_THAT(response.body, HasSubstr(series));
  }
  // The scrape itself is counted once answered, so it shows up in the next one.
  EXPECT_EQ(metrics_.count(Route::metrics, 200), 1U);
}

TEST_F(ServiceFront, UnknownPathIs404NotFound) {
  const http::Response response = request("GET", "/nope?x=1");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(error_code(response), "not_found");
  EXPECT_TRUE(service_.seen.empty());
}

TEST_F(ServiceFront, WrongMethodIs405WithAllowHeader) {
  http::Response response = request("DELETE", "/accounts/acc-1");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(error_code(response), "method_not_allowed");
  EXPECT_EQ(response.extra_headers, "Allow: GET\r\n");
  response = request("GET", "/transfers");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.extra_headers, "Allow: POST\r\n");
  EXPECT_TRUE(service_.seen.empty());
  EXPECT_EQ(metrics_.count(Route::unknown, 405), 2U);
}

TEST_F(ServiceFront, BadLimitIs400BeforeTheService) {
  for (const char* target :
       {"/accounts/a/transactions?limit=0", "/accounts/a/transactions?limit=1001",
        "/accounts/a/transactions?limit=x"}) {
    const http::Response response = request("GET", target);
    EXPECT_EQ(response.status, 400) << target;
    EXPECT_EQ(error_code(response), "bad_request") << target;
  }
  EXPECT_TRUE(service_.seen.empty());
  EXPECT_EQ(metrics_.count(Route::list_transactions, 400), 3U);
}

TEST_F(ServiceFront, HandsTheRestToTheService) {
  EXPECT_EQ(request("POST", "/accounts/acc-1/deposits", R"({"amount":1})").body, R"({"amount":1})");
  (void)request("GET", "/accounts/acc-2/transactions?limit=7");
  (void)request("GET", "/accounts/acc-3/transactions");
  ASSERT_EQ(service_.seen.size(), 3U);
  EXPECT_EQ(service_.seen[0].route, Route::deposit);
  EXPECT_EQ(service_.seen[0].account_id, "acc-1");
  EXPECT_EQ(service_.seen[0].body, R"({"amount":1})");
  EXPECT_EQ(service_.seen[1].route, Route::list_transactions);
  EXPECT_EQ(service_.seen[1].limit, 7);
  EXPECT_EQ(service_.seen[2].limit, kDefaultTransactionLimit);
}

TEST_F(ServiceFront, ReplyErrorUsesTheContractShape) {
  const http::Response response = request("POST", "/transfers", "{}");
  EXPECT_EQ(response.status, 409);
  EXPECT_EQ(
      response.body,
      R"({"error":{"code":"insufficient_funds","message":"account a12 holds 500, needs 1250"}})");
  EXPECT_EQ(response.content_type, "application/json");
}

TEST(Reply, ErrorFromAnErrorValue) {
  CapturingSink sink;
  Metrics metrics;
  Reply reply(http::Responder(&sink, nullptr), &metrics, Route::deposit);
  reply.error(Error{ErrorCode::invalid_amount, "too \"big\""});
  ASSERT_EQ(sink.responses.size(), 1U);
  EXPECT_EQ(sink.responses[0].status, 422);
  EXPECT_EQ(sink.responses[0].body,
            R"({"error":{"code":"invalid_amount","message":"too \"big\""}})");
  EXPECT_EQ(metrics.count(Route::deposit, 422), 1U);
}

}  // namespace
}  // namespace archbench::ledger
