// The transport's defences, in process and with short limits: every timeout (head, body, idle,
// linger, an unread answer), none while the handler works, --max-connections answered with
// 503, and a slow head that still gets through. Every wait is bounded; the timeouts here are a
// few hundred milliseconds, so the whole file takes a few seconds.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/http/request.hpp"
#include "common/http/server.hpp"
#include "common/http/test_client.hpp"

namespace archbench::http {
namespace {

using namespace std::chrono_literals;
using test::TestClient;

constexpr std::string_view kGet = "GET /x HTTP/1.1\r\nHost: t\r\n\r\n";

class ServerLimitsTest : public ::testing::Test {
 protected:
  // Short timeouts, each distinct, so that a test can tell which one fired.
  static ServerOptions short_limits() {
    ServerOptions options;
    options.head_timeout = 300ms;
    options.body_timeout = 300ms;
    options.idle_timeout = 300ms;
    options.linger_timeout = 300ms;
    return options;
  }
  void start(ServerOptions options, Handler handler = ok_handler) {
    server_ = std::make_unique<Server>(std::move(options), std::move(handler));
    runner_ = std::thread([this] { server_->run(); });
  }
  void TearDown() override {
    if (!server_) return;
    server_->stop();
    runner_.join();
    server_.reset();
  }
  [[nodiscard]] std::uint16_t port() const { return server_->port(); }

  static void ok_handler(const Request&, Responder responder) { responder.send(200, "ok"); }

  // How long until the server closes `client` (which must send nothing meanwhile).
  static std::chrono::milliseconds time_to_close(TestClient& client) {
    const auto begin = std::chrono::steady_clock::now();
    EXPECT_TRUE(client.closed_by_server());
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 begin);
  }

  std::unique_ptr<Server> server_;
  std::thread runner_;
};

TEST_F(ServerLimitsTest, AnIdleKeepAliveConnectionIsClosed) {
  start(short_limits());
  TestClient client(port(), 5);
  ASSERT_TRUE(client.send(kGet));
  ASSERT_TRUE(client.read_response());
  const auto waited = time_to_close(client);
  EXPECT_GE(waited, 250ms);  // not before the timeout (less the sweep's rounding)...
  EXPECT_LT(waited, 3s);     // ...and not never
}

TEST_F(ServerLimitsTest, ASlowLorisHeadIsCutOffAtTheHeadTimeoutWhateverItsPace) {
  ServerOptions options = short_limits();
  options.head_timeout = 500ms;
  options.idle_timeout = 5s;  // so that only the head timeout can close it
  start(options);
  TestClient loris(port(), 5);
  const auto begin = std::chrono::steady_clock::now();
  // A byte every 50 ms: each byte is progress, but the head as a whole is late.
  bool cut_off = false;
  for (const char c :
       std::string("GET /slow HTTP/1.1\r\nHost: t\r\nX-Padding: aaaaaaaaaaaaaaaaaaaa")) {
    if (!loris.send(std::string_view(&c, 1))) {
      cut_off = true;
      break;
    }
    std::this_thread::sleep_for(50ms);
    if (std::chrono::steady_clock::now() - begin > 3s) break;
  }
  EXPECT_TRUE(cut_off || loris.closed_by_server());
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 3s);
  // Meanwhile, and afterwards, others are served.
  TestClient other(port());
  ASSERT_TRUE(other.send(kGet));
  EXPECT_TRUE(other.read_response());
}

TEST_F(ServerLimitsTest, AStalledBodyIsCutOffButASlowOneThatKeepsComingIsNot) {
  ServerOptions options = short_limits();
  options.body_timeout = 400ms;
  options.head_timeout = 5s;
  options.idle_timeout = 5s;
  start(options);
  // Progress renews the body deadline: 10 pieces 100 ms apart take a second, and get through.
  TestClient steady(port(), 5);
  ASSERT_TRUE(steady.send("POST /b HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n"));
  for (int i = 0; i < 10; ++i) {
    std::this_thread::sleep_for(100ms);
    ASSERT_TRUE(steady.send("x"));
  }
  const auto answer = steady.read_response();
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200);
  // A body that stops coming is cut off.
  TestClient stalled(port(), 5);
  ASSERT_TRUE(stalled.send("POST /b HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nxxx"));
  const auto waited = time_to_close(stalled);
  EXPECT_GE(waited, 350ms);
  EXPECT_LT(waited, 3s);
}

TEST_F(ServerLimitsTest, NoTimeoutWhileTheHandlerWorks) {
  // The handler answers after three idle timeouts: the client waits for the server, not the
  // other way round, so the connection must survive.
  start(short_limits(), [](const Request&, Responder responder) {
    std::thread([r = std::move(responder)]() mutable {
      std::this_thread::sleep_for(1s);
      r.send(200, "late but fine");
    }).detach();
  });
  TestClient client(port(), 5);
  ASSERT_TRUE(client.send(kGet));
  const auto answer = client.read_response();
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->body, "late but fine");
}

TEST_F(ServerLimitsTest, ALingeringClientIsClosedAfterTheLingerTimeout) {
  ServerOptions options = short_limits();
  options.linger_timeout = 400ms;
  start(options);
  TestClient client(port(), 5);
  // Connection: close makes the server send its FIN and wait for ours, which never comes.
  ASSERT_TRUE(client.send("GET /x HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"));
  const auto answer = client.read_response();
  ASSERT_TRUE(answer);
  EXPECT_TRUE(answer->closes());
  EXPECT_TRUE(client.closed_by_server());  // the FIN: the server's side is shut
  // The server still reads (and discards) what we send until the linger timeout, then closes
  // its socket: from then on our sends are answered with a reset.
  std::this_thread::sleep_for(1s);
  bool reset = false;
  for (int i = 0; i < 5 && !reset; ++i) {
    reset = !client.send("more bytes nobody reads");
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_TRUE(reset) << "the server still holds the lingering connection";
}

TEST_F(ServerLimitsTest, PastMaxConnectionsAClientGets503AndIsClosed) {
  ServerOptions options;
  options.max_connections = 2;
  start(options);
  TestClient first(port());
  TestClient second(port());
  for (TestClient* client : {&first, &second}) {  // both accepted and served
    ASSERT_TRUE(client->send(kGet));
    ASSERT_TRUE(client->read_response());
  }
  {
    TestClient third(port());
    ASSERT_TRUE(third.send(kGet));
    const auto refused = third.read_response();
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 503);
    EXPECT_NE(refused->body.find(R"("code":"service_unavailable")"), std::string::npos);
    EXPECT_EQ(refused->header("Content-Length"), std::to_string(refused->body.size()));
    EXPECT_TRUE(refused->closes());
    EXPECT_TRUE(third.closed_by_server());
  }  // (a refused client counts until it has closed too: it holds a descriptor till then)
  // Once one leaves, a new client is served again (the count follows closes promptly).
  first.shutdown_write();
  EXPECT_TRUE(first.closed_by_server());
  bool served = false;
  for (int attempt = 0; attempt < 50 && !served; ++attempt) {
    TestClient fourth(port());
    ASSERT_TRUE(fourth.send(kGet));
    const auto answer = fourth.read_response();
    served = answer && answer->status == 200;
    if (!served) std::this_thread::sleep_for(20ms);
  }
  EXPECT_TRUE(served);
}

TEST_F(ServerLimitsTest, AHeadInPiecesThenItsBodyInAnotherReadIsServed) {
  // The head is scanned piece by piece, then its body comes: the head is known complete, so
  // the body must not be scanned for a blank line it does not have. (Pauses: separate reads.)
  start(short_limits(),
        [](const Request& r, Responder responder) { responder.send(200, std::string(r.body)); });
  TestClient client(port());
  for (const char* piece :
       {"POST /x HTTP/1.1\r\nHo", "st: t\r\nContent-Len", "gth: 5\r\n\r\n", "hel", "lo"}) {
    ASSERT_TRUE(client.send(piece));
    std::this_thread::sleep_for(30ms);
  }
  const auto answer = client.read_response();
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->body, "hello");
}

TEST_F(ServerLimitsTest, EqualDuplicateContentLengthsAreOne) {
  start(short_limits(),
        [](const Request& r, Responder responder) { responder.send(200, std::string(r.body)); });
  TestClient client(port());
  ASSERT_TRUE(
      client.send("POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n"
                  "hello" +
                  std::string(kGet)));
  const auto first = client.read_response();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->body, "hello");
  const auto second = client.read_response();  // framed right after the body
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 200);
}

}  // namespace
}  // namespace archbench::http
