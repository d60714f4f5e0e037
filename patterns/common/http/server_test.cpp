// The transport over real loopback sockets: keep-alive, pipelining, answers from other threads,
// the body padding promise, framing errors, 100-continue, HTTP/1.0, the 500 safety nets,
// several I/O threads, and stopping with clients connected. No sleeps: every wait is on an
// answer, a condition variable, or a receive with a timeout.
#include "common/http/server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/http/request.hpp"
#include "common/http/test_client.hpp"

namespace archbench::http {
namespace {

using test::ClientResponse;
using test::TestClient;

std::string request(std::string_view method, std::string_view target, std::string_view body = {},
                    std::string_view extra_headers = {}) {
  std::string text;
  text.append(method).append(" ").append(target).append(" HTTP/1.1\r\nHost: test\r\n");
  if (!body.empty()) text.append("Content-Length: ").append(std::to_string(body.size()));
  if (!body.empty()) text.append("\r\n");
  text.append(extra_headers).append("\r\n").append(body);
  return text;
}

std::string echo(const Request& r) {
  std::string text;
  text.append(r.method).append(" ").append(r.target).append(" ").append(r.body);
  return text;
}

void echo_handler(const Request& r, Responder responder) { responder.send(200, echo(r)); }

std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const char c : bytes) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return hash;
}

// Responders (and what the handler saw) parked by a handler, for a test thread to answer.
struct Parked {
  std::string_view body;  // a view into the connection's buffer, valid until answered
  Responder responder;
};

class Mailbox {
 public:
  void push(std::string_view body, Responder responder) {
    {
      const std::lock_guard lock(mutex_);
      items_.push_back(Parked{body, std::move(responder)});
    }
    ready_.notify_one();
  }
  // The next parked Responder; nullopt after 10 s without one.
  std::optional<Parked> pop() {
    std::unique_lock lock(mutex_);
    if (!ready_.wait_for(lock, std::chrono::seconds(10), [&] { return !items_.empty(); })) {
      return std::nullopt;
    }
    Parked item = std::move(items_.front());
    items_.pop_front();
    return item;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Parked> items_;
};

class ServerTest : public ::testing::Test {
 protected:
  void start(Handler handler, unsigned threads = 1) {
    ServerOptions options;
    options.threads = threads;
    server_ = std::make_unique<Server>(options, std::move(handler));
    runner_ = std::thread([this] { server_->run(); });
  }
  // Stops, waits for run() to return, and destroys the server.
  void stop_server() {
    if (!server_) return;
    server_->stop();
    runner_.join();
    server_.reset();
  }
  void TearDown() override { stop_server(); }
  [[nodiscard]] std::uint16_t port() const { return server_->port(); }

  std::unique_ptr<Server> server_;
  std::thread runner_;
};

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  start(echo_handler);
  TestClient client(port());
  for (const char* target : {"/a", "/b?x=1", "/c"}) {
    ASSERT_TRUE(client.send(request("GET", target)));
    const auto response = client.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, std::string("GET ") + target + " ");
    EXPECT_FALSE(response->closes());
  }
}

TEST_F(ServerTest, ResponseBytesAreExactlyAsSpecified) {
  start([](const Request&, Responder responder) {
    Response response;
    response.status = 405;
    response.body = R"({"error":{}})";
    response.extra_headers = "Allow: GET\r\n";
    responder.send(std::move(response));
  });
  TestClient client(port());
  ASSERT_TRUE(client.send(request("DELETE", "/health")));
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->raw(),
            "HTTP/1.1 405 Method Not Allowed\r\nContent-Type: application/json\r\n"
            "Content-Length: 12\r\nAllow: GET\r\n\r\n{\"error\":{}}");
}

TEST_F(ServerTest, FiftyPipelinedRequestsGetFiftyAnswersInOrder) {
  std::atomic<int> calls{0};
  start([&](const Request& r, Responder responder) {
    ++calls;
    echo_handler(r, std::move(responder));
  });
  TestClient client(port());
  std::string pipeline;
  for (int i = 0; i < 50; ++i) pipeline += request("POST", "/n", std::to_string(i));
  ASSERT_TRUE(client.send(pipeline));
  for (int i = 0; i < 50; ++i) {
    const auto response = client.read_response();
    ASSERT_TRUE(response) << "answer " << i;
    EXPECT_EQ(response->body, "POST /n " + std::to_string(i));
  }
  EXPECT_EQ(calls, 50);
}

TEST_F(ServerTest, RequestSentOneByteAtATimeIsParsed) {
  start(echo_handler);
  TestClient client(port());
  for (const char c : request("POST", "/slowly", "byte by byte")) {
    ASSERT_TRUE(client.send(std::string_view(&c, 1)));
  }
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "POST /slowly byte by byte");
}

TEST_F(ServerTest, AnswerFromAnotherThreadHoldsBackLaterPipelinedRequests) {
  Mailbox mailbox;
  std::atomic<bool> slow_answered{false};
  std::atomic<bool> fast_ran_too_early{false};
  start([&](const Request& r, Responder responder) {
    if (r.target == "/slow") {
      mailbox.push(r.body, std::move(responder));
      return;
    }
    if (!slow_answered) fast_ran_too_early = true;
    echo_handler(r, std::move(responder));
  });
  TestClient client(port());
  ASSERT_TRUE(client.send(request("POST", "/slow", "parked payload") + request("GET", "/fast")));

  auto parked = mailbox.pop();
  ASSERT_TRUE(parked);
  std::thread answerer([&] {
    // The view still shows the slow request's body: the connection has not moved on.
    std::string body(parked->body);
    slow_answered = true;
    parked->responder.send(200, std::move(body));
  });
  answerer.join();

  const auto first = client.read_response();
  const auto second = client.read_response();
  ASSERT_TRUE(first);
  ASSERT_TRUE(second);
  EXPECT_EQ(first->body, "parked payload");
  EXPECT_EQ(second->body, "GET /fast ");
  EXPECT_FALSE(fast_ran_too_early);
}

TEST_F(ServerTest, MixedInlineAndCrossThreadAnswersKeepPipelineOrder) {
  // Every third request is answered by another thread, often while the connection is still
  // writing earlier answers (the answer is then parked until the write completes).
  constexpr int kRequests = 300;
  Mailbox mailbox;
  start([&](const Request& r, Responder responder) {
    if (r.body.size() % 3 == 0) {
      mailbox.push(r.body, std::move(responder));
    } else {
      responder.send(200, std::string(r.body));
    }
  });
  std::thread answerer([&] {
    for (int i = 0; i < kRequests / 3; ++i) {
      auto parked = mailbox.pop();
      if (!parked) return;
      parked->responder.send(200, std::string(parked->body));
    }
  });
  TestClient client(port());
  std::string pipeline;
  for (int i = 1; i <= kRequests; ++i) pipeline += request("POST", "/", std::string(i, 'x'));
  ASSERT_TRUE(client.send(pipeline));
  for (int i = 1; i <= kRequests; ++i) {
    const auto response = client.read_response();
    ASSERT_TRUE(response) << "answer " << i;
    EXPECT_EQ(response->body.size(), static_cast<std::size_t>(i));
  }
  answerer.join();
}

TEST_F(ServerTest, EveryBodyHasPaddingAfterItWhateverItsSize) {
  start([](const Request& r, Responder responder) {
    // Read every padding byte: under AddressSanitizer a missing one is a heap overflow.
    unsigned sum = 0;
    for (std::size_t i = 0; i < kBodyPadding; ++i) {
      sum += static_cast<unsigned char>(r.body.data()[r.body.size() + i]);
    }
    volatile unsigned sink = sum;
    static_cast<void>(sink);
    responder.send(200, std::to_string(r.body.size()) + ":" + std::to_string(fnv1a(r.body)));
  });
  TestClient client(port());
  const std::size_t sizes[] = {0,      1,      63,     64, 1000,    16'000,    16'320,
                               16'384, 16'385, 70'000, 10, 1 << 20, 5'000'000, 3};
  std::string pipeline;
  std::vector<std::string> expected;
  for (const std::size_t size : sizes) {
    std::string body(size, '\0');
    for (std::size_t i = 0; i < size; ++i) body[i] = static_cast<char>('a' + i % 26);
    expected.push_back(std::to_string(size) + ":" + std::to_string(fnv1a(body)));
    // One at a time, then all of them again as one pipeline (bodies straddling reads, the
    // buffer growing mid-pipeline and shrinking back).
    ASSERT_TRUE(client.send(request("POST", "/pad", body)));
    const auto response = client.read_response();
    ASSERT_TRUE(response) << size;
    EXPECT_EQ(response->body, expected.back());
    pipeline += request("POST", "/pad", body);
  }
  ASSERT_TRUE(client.send(pipeline));
  for (const std::string& want : expected) {
    const auto response = client.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->body, want);
  }
}

TEST_F(ServerTest, BodyOfExactlyTheLimitIsAccepted) {
  start([](const Request& r, Responder responder) {
    responder.send(200, std::to_string(r.body.size()));
  });
  TestClient client(port());
  ASSERT_TRUE(client.send(request("POST", "/big", std::string(kMaxBodyBytes, 'x'))));
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, std::to_string(kMaxBodyBytes));
}

TEST_F(ServerTest, ContentLengthOverTheLimitGets413WithoutSendingTheBody) {
  start(echo_handler);
  TestClient client(port());
  ASSERT_TRUE(client.send("POST /big HTTP/1.1\r\nHost: t\r\nContent-Length: " +
                          std::to_string(kMaxBodyBytes + 1) + "\r\n\r\n"));
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_NE(response->body.find(R"("code":"payload_too_large")"), std::string::npos);
  EXPECT_TRUE(response->closes());
  EXPECT_TRUE(client.closed_by_server());
}

struct FramingErrorCase {
  const char* name;
  std::string bytes;
  int status;
  const char* code;
};

class FramingErrorTest : public ServerTest,
                         public ::testing::WithParamInterface<FramingErrorCase> {};

TEST_P(FramingErrorTest, IsAnsweredThenTheConnectionCloses) {
  std::atomic<int> calls{0};
  start([&](const Request& r, Responder responder) {
    ++calls;
    echo_handler(r, std::move(responder));
  });
  TestClient client(port());
  // A good request first: its answer must still come out, before the error.
  ASSERT_TRUE(client.send(request("GET", "/ok") + GetParam().bytes));
  const auto ok = client.read_response();
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  const auto error = client.read_response();
  ASSERT_TRUE(error);
  EXPECT_EQ(error->status, GetParam().status);
  EXPECT_NE(error->body.find(std::string(R"("code":")") + GetParam().code + '"'), std::string::npos)
      << error->body;
  EXPECT_EQ(error->header("Content-Type"), "application/json");
  EXPECT_TRUE(error->closes());
  EXPECT_TRUE(client.closed_by_server());
  EXPECT_EQ(calls, 1);
}

INSTANTIATE_TEST_SUITE_P(
    Transport, FramingErrorTest,
    ::testing::Values(
        FramingErrorCase{"garbage", "\x01\x02 not http at all\r\n\r\n", 400, "bad_request"},
        FramingErrorCase{"bare_lf", "GET / HTTP/1.1\nHost: x\n\n", 400, "bad_request"},
        FramingErrorCase{"chunked",
                         "POST /t HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                         "5\r\nhello\r\n"
                         "0\r\n\r\n",
                         411, "length_required"},
        FramingErrorCase{"huge_head",
                         "GET / HTTP/1.1\r\nX-Big: " + std::string(kMaxHeadBytes, 'b') + "\r\n\r\n",
                         431, "request_header_too_large"},
        FramingErrorCase{"http2", "GET / HTTP/2.0\r\n\r\n", 505, "http_version_not_supported"},
        FramingErrorCase{"no_host", "GET / HTTP/1.1\r\nX: y\r\n\r\n", 400, "bad_request"},
        FramingErrorCase{"two_hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400,
                         "bad_request"},
        FramingErrorCase{"length_and_chunked",
                         "POST /t HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n"
                         "Transfer-Encoding: chunked\r\n\r\nhello",
                         400, "bad_request"},
        FramingErrorCase{"two_different_lengths",
                         "POST /t HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n"
                         "Content-Length: 6\r\n\r\nhello!",
                         400, "bad_request"}),
    [](const auto& test_case) { return std::string(test_case.param.name); });

TEST_F(ServerTest, ExpectContinueGetsAGoAheadBeforeTheBody) {
  start(echo_handler);
  TestClient client(port());
  ASSERT_TRUE(client.send(
      "POST /c HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
  const auto go_ahead = client.read_response();
  ASSERT_TRUE(go_ahead);
  EXPECT_EQ(go_ahead->raw(), "HTTP/1.1 100 Continue\r\n\r\n");
  ASSERT_TRUE(client.send("hello"));
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "POST /c hello");

  // With the body already there, no interim answer: the final one comes first.
  ASSERT_TRUE(client.send(
      "POST /d HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi"));
  const auto direct = client.read_response();
  ASSERT_TRUE(direct);
  EXPECT_EQ(direct->status, 200);
  EXPECT_EQ(direct->body, "POST /d hi");
}

TEST_F(ServerTest, Http10ClosesAfterTheAnswer) {
  start(echo_handler);
  TestClient client(port());
  ASSERT_TRUE(client.send("GET /old HTTP/1.0\r\n\r\n"));
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "GET /old ");
  EXPECT_TRUE(response->closes());
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(ServerTest, Http10WithKeepAliveStaysOpen) {
  start(echo_handler);
  TestClient client(port());
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(client.send("GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    const auto response = client.read_response();
    ASSERT_TRUE(response);
    // An HTTP/1.0 client closes unless told otherwise (RFC 9112 §9.3).
    EXPECT_EQ(response->header("Connection"), "keep-alive");
  }
}

TEST_F(ServerTest, ConnectionCloseIgnoresLaterPipelinedRequests) {
  std::atomic<int> calls{0};
  start([&](const Request& r, Responder responder) {
    ++calls;
    echo_handler(r, std::move(responder));
  });
  TestClient client(port());
  ASSERT_TRUE(client.send(request("GET", "/last", {}, "Connection: close\r\n") +
                          request("GET", "/ignored")));
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "GET /last ");
  EXPECT_TRUE(response->closes());
  EXPECT_TRUE(client.closed_by_server());
  EXPECT_EQ(calls, 1);
}

TEST_F(ServerTest, ForgottenResponderAnswers500AndTheConnectionGoesOn) {
  start([](const Request& r, Responder responder) {
    if (r.target == "/forget") return;  // the Responder dies here, unused
    if (r.target == "/forget-elsewhere") {
      std::thread([dropped = std::move(responder)] {}).join();
      return;
    }
    echo_handler(r, std::move(responder));
  });
  TestClient client(port());
  for (const char* target : {"/forget", "/forget-elsewhere"}) {
    ASSERT_TRUE(client.send(request("GET", target) + request("GET", "/after")));
    const auto forgotten = client.read_response();
    ASSERT_TRUE(forgotten);
    EXPECT_EQ(forgotten->status, 500);
    EXPECT_NE(forgotten->body.find(R"("code":"internal_error")"), std::string::npos);
    const auto after = client.read_response();
    ASSERT_TRUE(after);
    EXPECT_EQ(after->body, "GET /after ");
  }
}

TEST_F(ServerTest, ThrowingHandlerGets500AndTheServerGoesOn) {
  start([](const Request& r, Responder responder) {
    if (r.target == "/throw") throw std::runtime_error("handler bug (expected by this test)");
    if (r.target == "/answer-then-throw") {
      responder.send(201, "answered");
      throw std::logic_error("late bug (expected by this test)");
    }
    echo_handler(r, std::move(responder));
  });
  TestClient client(port());
  ASSERT_TRUE(client.send(request("GET", "/throw") + request("GET", "/answer-then-throw") +
                          request("GET", "/after")));
  const auto thrown = client.read_response();
  ASSERT_TRUE(thrown);
  EXPECT_EQ(thrown->status, 500);
  EXPECT_NE(thrown->body.find(R"("code":"internal_error")"), std::string::npos);
  const auto answered = client.read_response();
  ASSERT_TRUE(answered);
  EXPECT_EQ(answered->status, 201);
  EXPECT_EQ(answered->body, "answered");
  const auto after = client.read_response();
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);

  TestClient another(port());
  ASSERT_TRUE(another.send(request("GET", "/new")));
  EXPECT_TRUE(another.read_response());
}

TEST_F(ServerTest, TakeBufferHandsBackTheLastBodyCapacity) {
  std::vector<std::size_t> capacities;  // written by the one I/O thread, read after join
  start([&](const Request&, Responder responder) {
    std::string body = responder.take_buffer();
    capacities.push_back(body.empty() ? body.capacity() : 0);
    body.assign(1000, 'x');
    responder.send(200, std::move(body));
  });
  TestClient client(port());
  ASSERT_TRUE(client.send(request("GET", "/1") + request("GET", "/2") + request("GET", "/3")));
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(client.read_response());
  stop_server();
  ASSERT_EQ(capacities.size(), 3u);
  EXPECT_GE(capacities[1], 1000u);  // the first answer's body came back, emptied
  EXPECT_GE(capacities[2], 1000u);
}

TEST_F(ServerTest, SeveralIoThreadsShareTheConnections) {
  constexpr int kThreads = 3;
  constexpr int kClients = 6;
  constexpr int kRequestsPerClient = 50;
  std::mutex mutex;
  std::set<std::thread::id> io_threads;
  start(
      [&](const Request& r, Responder responder) {
        {
          const std::lock_guard lock(mutex);
          io_threads.insert(std::this_thread::get_id());
        }
        echo_handler(r, std::move(responder));
      },
      kThreads);
  // Connect every client first: the acceptor deals them out in turn.
  std::vector<std::unique_ptr<TestClient>> clients;
  for (int c = 0; c < kClients; ++c) clients.push_back(std::make_unique<TestClient>(port()));
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < kClients; ++c) {
    threads.emplace_back([&, c] {
      for (int i = 0; i < kRequestsPerClient; ++i) {
        std::string target = "/";  // (not "/" + ...: g++ 12 -O3 warns falsely, -Wrestrict)
        target.append(std::to_string(c)).append("/").append(std::to_string(i));
        if (!clients[c]->send(request("GET", target))) return;
        const auto response = clients[c]->read_response();
        if (response && response->body == "GET " + target + " ") ++good;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(good, kClients * kRequestsPerClient);
  const std::lock_guard lock(mutex);
  EXPECT_EQ(io_threads.size(), static_cast<std::size_t>(kThreads));
}

TEST_F(ServerTest, ClientGoneBeforeTheAnswerIsHarmless) {
  Mailbox mailbox;
  start([&](const Request& r, Responder responder) {
    if (r.target == "/hold") {
      mailbox.push(r.body, std::move(responder));
    } else {
      echo_handler(r, std::move(responder));
    }
  });
  {
    TestClient client(port());
    ASSERT_TRUE(client.send(request("GET", "/hold")));
    auto parked = mailbox.pop();
    ASSERT_TRUE(parked);
    // The client leaves without its answer; answering now writes to a closed socket.
    client.shutdown_write();
    parked->responder.send(200, "nobody listens");
  }
  TestClient next(port());
  ASSERT_TRUE(next.send(request("GET", "/still-serving")));
  const auto response = next.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "GET /still-serving ");
}

TEST_F(ServerTest, StopWithClientsConnectedClosesThemAndLateAnswersAreDropped) {
  Mailbox mailbox;
  start(
      [&](const Request& r, Responder responder) {
        if (r.target == "/hold") {
          mailbox.push(r.body, std::move(responder));
        } else {
          echo_handler(r, std::move(responder));
        }
      },
      2);
  TestClient idle(port());
  ASSERT_TRUE(idle.send(request("GET", "/hello")));
  ASSERT_TRUE(idle.read_response());
  TestClient partial(port());
  ASSERT_TRUE(partial.send("GET /partial HTTP/1.1\r\nHos"));
  TestClient answered_late(port());
  ASSERT_TRUE(answered_late.send(request("GET", "/hold")));
  TestClient never_answered(port());
  ASSERT_TRUE(never_answered.send(request("GET", "/hold")));
  auto late = mailbox.pop();
  auto never = mailbox.pop();
  ASSERT_TRUE(late);
  ASSERT_TRUE(never);

  stop_server();  // stop(), run() returns, the Server is destroyed
  EXPECT_TRUE(idle.closed_by_server());
  EXPECT_TRUE(partial.closed_by_server());

  // These connections outlive the Server, owned by their Responders; answering (or dropping
  // the Responder) now goes nowhere, and then the connection closes.
  late->responder.send(200, "too late");
  late.reset();
  never.reset();
  EXPECT_TRUE(answered_late.closed_by_server());
  EXPECT_TRUE(never_answered.closed_by_server());
}

TEST_F(ServerTest, StopWhileClientsAreBusy) {
  start(echo_handler, 2);
  std::atomic<bool> done{false};
  std::atomic<int> answers{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&, server_port = port()] {
      try {
        TestClient client(server_port, 5);
        while (!done && client.send(request("GET", "/busy")) && client.read_response()) {
          ++answers;
        }
      } catch (const std::exception&) {
        // connect() refused: the server was already gone
      }
    });
  }
  while (answers < 200) std::this_thread::yield();  // let them get going
  server_->stop();
  runner_.join();
  done = true;
  server_.reset();  // closes every connection: the clients' reads fail and they finish
  for (auto& client : clients) client.join();
  EXPECT_GE(answers, 200);
}

TEST(ServerLifetimeTest, StopBeforeRunMakesRunReturnAtOnce) {
  Server server(ServerOptions{}, echo_handler);
  EXPECT_NE(server.port(), 0);
  EXPECT_EQ(server.host(), "127.0.0.1");
  server.stop();
  server.run();  // returns: the test would time out otherwise
}

TEST(ServerLifetimeTest, DestroyedWithoutEverRunning) {
  auto server = std::make_unique<Server>(ServerOptions{}, echo_handler);
  TestClient client(server->port());  // accepted by the kernel, never served
  ASSERT_TRUE(client.send(request("GET", "/")));
  server.reset();
  EXPECT_TRUE(client.closed_by_server());
}

}  // namespace
}  // namespace archbench::http
