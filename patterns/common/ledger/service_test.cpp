// The shared front without sockets: requests go through the in-process client (testing/) into
// make_http_handler(), and a fake Service records what reaches it. Also: how a Reply answers
// (into the lent buffer, or with a string of its own) and that answering twice is refused.
#include "common/ledger/service.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <vector>

#include "common/ledger/messages.hpp"
#include "common/ledger/testing/capture_sink.hpp"
#include "common/ledger/testing/in_process_client.hpp"
#include "common/ledger/testing/relay_service.hpp"

namespace archbench::ledger {
namespace {

using ::testing::HasSubstr;

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
    } else if (call.body == "unavailable" || call.body == "overloaded") {
      reply.error(call.body == "overloaded" ? ErrorCode::overloaded : ErrorCode::unavailable,
                  "try again");
    } else {
      reply.send(201, std::string(call.body));
    }
  }
  std::vector<Seen> seen;
};

class ServiceFront : public ::testing::Test {
 protected:
  // Sends one request through the front and returns (a copy of) its response. `method` must
  // be a literal.
  http::Response request(std::string_view method, std::string_view target,
                         std::string_view body = {}) {
    return client_.send(method, target, body);
  }
  static std::string error_code(const http::Response& response) {
    return nlohmann::json::parse(response.body).at("error").at("code").get<std::string>();
  }

  EchoService service_;
  testing::InProcessClient client_{service_, "test"};
  const Metrics& metrics_ = client_.metrics();
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
  EXPECT_EQ(response.extra_headers, "");  // only the retryable errors say when to come back
}

TEST_F(ServiceFront, RetryableErrorsAre503WithRetryAfter) {
  for (const char* code : {"unavailable", "overloaded"}) {
    const http::Response response = request("POST", "/accounts/acc-1/deposits", code);
    EXPECT_EQ(response.status, 503) << code;
    EXPECT_EQ(error_code(response), code);
    EXPECT_EQ(response.content_type, "application/json");
    EXPECT_EQ(response.extra_headers, "Retry-After: 1\r\n") << code;
  }
}

// Sends `answer` through a fresh Reply for a deposit and returns what the sink captured.
template <class Answer>
http::Response reply_with(Metrics& metrics, Answer answer) {
  testing::CaptureSink sink;
  sink.expect_answer();
  answer(Reply(http::Responder(&sink, nullptr), &metrics, Route::deposit));
  return sink.wait();
}

TEST(Reply, ErrorFromAnErrorValue) {
  Metrics metrics;
  const http::Response response = reply_with(metrics, [](Reply reply) {
    reply.error(Error{ErrorCode::invalid_amount, "too \"big\""});
  });
  EXPECT_EQ(response.status, 422);
  EXPECT_EQ(response.body, R"({"error":{"code":"invalid_amount","message":"too \"big\""}})");
  EXPECT_EQ(metrics.count(Route::deposit, 422), 1U);
}

TEST(Reply, BodyIsWrittenInPlaceThenSent) {
  Metrics metrics;
  const http::Response response = reply_with(metrics, [](Reply reply) {
    EXPECT_TRUE(reply.body().empty());
    reply.body() += R"({"id":"dep-1"})";
    reply.send(201);
  });
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.body, R"({"id":"dep-1"})");
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(metrics.count(Route::deposit, 201), 1U);
}

TEST(Reply, ErrorReplacesAHalfWrittenBody) {
  Metrics metrics;
  const http::Response response = reply_with(metrics, [](Reply reply) {
    reply.body() += R"({"id":)";
    reply.error(ErrorCode::not_found, "gone");
  });
  EXPECT_EQ(response.body, R"({"error":{"code":"not_found","message":"gone"}})");
}

TEST(Reply, TakeBufferWorksFromAnotherThread) {
  // The lent buffer belongs to whoever holds the Reply: a worker thread fills it too.
  class TakeBufferService final : public Service {
   public:
    void handle(const Call& call, Reply reply) override {
      std::string body = reply.take_buffer();
      body.append(call.body);
      reply.send(200, std::move(body));
    }
  };
  testing::RelayService service(std::make_unique<TakeBufferService>());
  testing::InProcessClient client(service);
  const std::string big(500, 'x');
  const char* first = client.send("POST", "/accounts", big).body.data();
  EXPECT_EQ(client.send("POST", "/accounts", big).body, big);
  EXPECT_EQ(client.send("POST", "/accounts", big).body.data(), first);  // no new allocation
}

// Answering twice is a backend bug that would write into another request's answer: it aborts
// with a message that says what happened, in every build type (not a debug-only assert).
TEST(ReplyDeathTest, SendingTwiceAbortsWithAMessage) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Metrics metrics;
  EXPECT_DEATH(reply_with(metrics,
                          [](Reply reply) {
                            reply.send(200, "{}");
                            reply.send(200, "{}");
                          }),
               "Responder::send\\(\\) on a Responder that was already used");
  EXPECT_DEATH(reply_with(metrics,
                          [](Reply reply) {
                            reply.error(ErrorCode::not_found, "once");
                            (void)reply.body();
                          }),
               "Responder::body\\(\\) on a Responder that was already used");
}

TEST(ReplyDeathTest, AMovedFromResponderAbortsToo) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        testing::CaptureSink sink;
        sink.expect_answer();
        http::Responder responder(&sink, nullptr);
        http::Responder taken = std::move(responder);
        responder.send(200, "{}");  // NOLINT(bugprone-use-after-move): the point of the test
      },
      "already used \\(or moved from\\)");
}

}  // namespace
}  // namespace archbench::ledger
