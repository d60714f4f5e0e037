// The shared in-process harness, tested: it runs the shared front, hands the service padded
// bodies as the transport does, waits for answers from other threads, and recycles the body
// buffer like a connection.
#include "common/ledger/testing/in_process_client.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>

#include "common/http/request.hpp"
#include "common/ledger/testing/relay_service.hpp"

namespace archbench::ledger::testing {
namespace {

// Answers with the body it got, and records whether the padding after it was there.
class PaddingCheckService final : public Service {
 public:
  void handle(const Call& call, Reply reply) override {
    const char* const after = call.body.data() + call.body.size();
    padded =
        std::memcmp(after, std::string(http::kBodyPadding, '\0').data(), http::kBodyPadding) == 0;
    reply.body().append(call.body);
    reply.send(200);
  }
  bool padded = false;
};

TEST(InProcessClient, RunsTheSharedFront) {
  PaddingCheckService service;
  InProcessClient client(service);
  EXPECT_EQ(client.send("GET", "/health").body, R"({"status":"ok"})");
  EXPECT_EQ(client.send("DELETE", "/transfers").status, 405);
  EXPECT_EQ(client.metrics().count(Route::health, 200), 1U);
  EXPECT_EQ(client.metrics().count(Route::unknown, 405), 1U);
}

TEST(InProcessClient, BodiesArePaddedLikeTheTransportsAndAnswersArriveInTheSlot) {
  PaddingCheckService service;
  InProcessClient client(service);
  const http::Response& response = client.send("POST", "/accounts", R"({"owner":"a"})");
  EXPECT_TRUE(service.padded);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"owner":"a"})");
}

TEST(InProcessClient, WaitsForAnAnswerFromAnotherThread) {
  RelayService service(std::make_unique<PaddingCheckService>());
  InProcessClient client(service);
  for (int i = 0; i < 100; ++i) {
    const std::string body = "late " + std::to_string(i);
    const http::Response& response = client.send("POST", "/accounts", body);
    ASSERT_EQ(response.status, 200);
    ASSERT_EQ(response.body, body);
  }
}

TEST(InProcessClient, RecyclesTheBodyBufferLikeAConnection) {
  PaddingCheckService service;
  InProcessClient client(service);
  const std::string big(1000, 'x');
  const char* first = client.send("POST", "/accounts", big).body.data();
  const char* second = client.send("POST", "/accounts", big).body.data();
  EXPECT_EQ(first, second);  // the same buffer, not a new allocation
}

}  // namespace
}  // namespace archbench::ledger::testing
