// What a connection allocates, and what it does when allocation fails. This binary replaces the
// global operator new, so it can (1) record the largest single allocation while a test watches,
// and (2) make every allocation above a size throw std::bad_alloc, on any thread. With that:
// - a declared 16 MiB body costs nothing until its bytes come, then grows with them;
// - an exception on an I/O thread, in a read completion or in a late answer, ends that one
//   connection with a 500 and a line on stderr; the server goes on.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "common/http/request.hpp"
#include "common/http/server.hpp"
#include "common/http/test_client.hpp"

namespace {

std::atomic<bool> g_recording{false};
std::atomic<std::size_t> g_largest{0};
std::atomic<std::size_t> g_fail_above{SIZE_MAX};

}  // namespace

// The replacements pair malloc with free; g++ 12 at -O2 inlines them into callers and then
// mistakes the pair for a mismatch.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t size) {
  if (size > g_fail_above.load(std::memory_order_relaxed)) throw std::bad_alloc();
  if (g_recording.load(std::memory_order_relaxed)) {
    std::size_t largest = g_largest.load(std::memory_order_relaxed);
    while (size > largest && !g_largest.compare_exchange_weak(largest, size)) {
    }
  }
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
// The array forms too: the sanitizers replace each form separately, and the connection's
// buffer is a new char[].
void* operator new[](std::size_t size) { return ::operator new(size); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
#pragma GCC diagnostic pop

namespace archbench::http {
namespace {

using namespace std::chrono_literals;
using test::TestClient;

constexpr std::size_t kMiB = std::size_t{1} << 20;
constexpr std::string_view kGet = "GET /x HTTP/1.1\r\nHost: t\r\n\r\n";

// Allocations above `limit` fail while it lives.
class FailAbove {
 public:
  explicit FailAbove(std::size_t limit) { g_fail_above = limit; }
  ~FailAbove() { g_fail_above = SIZE_MAX; }
  FailAbove(const FailAbove&) = delete;
  FailAbove& operator=(const FailAbove&) = delete;
};

class ConnectionAllocTest : public ::testing::Test {
 protected:
  void start(Handler handler) {
    server_ = std::make_unique<Server>(ServerOptions{}, std::move(handler));
    runner_ = std::thread([this] { server_->run(); });
  }
  void TearDown() override {
    g_recording = false;
    g_fail_above = SIZE_MAX;
    if (!server_) return;
    server_->stop();
    runner_.join();
    server_.reset();
  }
  // A round trip on a new connection: the one I/O thread has finished what came before.
  void round_trip() {
    TestClient other(server_->port());
    ASSERT_TRUE(other.send(kGet));
    ASSERT_TRUE(other.read_response());
  }

  std::unique_ptr<Server> server_;
  std::thread runner_;
};

void size_handler(const Request& r, Responder responder) {
  responder.send(200, std::to_string(r.body.size()));
}

TEST_F(ConnectionAllocTest, ADeclaredBodyIsAllocatedAsItsBytesArriveNotBefore) {
  start(size_handler);
  const std::string head =
      "POST /b HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: " +
      std::to_string(kMaxBodyBytes) + "\r\n\r\n";
  const std::string first_mib(kMiB, 'x');
  const std::string rest(kMaxBodyBytes - kMiB, 'x');
  TestClient client(server_->port());
  g_largest = 0;
  g_recording = true;
  // The 100 Continue proves the head was parsed; the round trip that the server has gone back
  // to reading this connection.
  ASSERT_TRUE(client.send(head));
  const auto go_ahead = client.read_response();
  ASSERT_TRUE(go_ahead);
  ASSERT_EQ(go_ahead->status, 100);
  round_trip();
  EXPECT_LT(g_largest.load(), std::size_t{64} << 10) << "the 16 MiB promise was allocated";
  // 1 MiB of the body: the buffer has grown to hold it, not to 16 MiB.
  ASSERT_TRUE(client.send(first_mib));
  std::this_thread::sleep_for(100ms);  // let the reads happen; the bound holds at any moment
  round_trip();
  EXPECT_LE(g_largest.load(), 4 * kMiB);
  // The rest: the whole body, in one buffer at last (which shows the counter counts).
  ASSERT_TRUE(client.send(rest));
  const auto answer = client.read_response();
  g_recording = false;
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->body, std::to_string(kMaxBodyBytes));
  EXPECT_GE(g_largest.load(), kMaxBodyBytes);
}

TEST_F(ConnectionAllocTest, AnExceptionInAReadCompletionEndsThatConnectionWith500) {
  start(size_handler);
  const std::string body(2 * kMiB, 'x');
  const std::string request =
      "POST /b HTTP/1.1\r\nHost: t\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
      body;
  TestClient client(server_->port());
  testing::internal::CaptureStderr();
  std::optional<test::ClientResponse> answer;
  {
    const FailAbove limit(kMiB);  // the buffer cannot grow past 1 MiB: on_read throws
    client.send(request);         // may fail half-way: the server closes
    answer = client.read_response();
  }
  const std::string logged = testing::internal::GetCapturedStderr();
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 500);
  EXPECT_NE(answer->body.find(R"("code":"internal_error")"), std::string::npos);
  EXPECT_TRUE(answer->closes());
  EXPECT_NE(logged.find("bad_alloc"), std::string::npos) << logged;
  round_trip();  // the server is still up
}

// Responders parked by the handler, for the test thread to answer.
class Mailbox {
 public:
  void push(Responder responder) {
    {
      const std::lock_guard lock(mutex_);
      item_.emplace(std::move(responder));
    }
    ready_.notify_one();
  }
  std::optional<Responder> pop() {
    std::unique_lock lock(mutex_);
    if (!ready_.wait_for(lock, 10s, [&] { return item_.has_value(); })) return std::nullopt;
    std::optional<Responder> item = std::move(item_);
    item_.reset();
    return item;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::optional<Responder> item_;
};

TEST_F(ConnectionAllocTest, AnExceptionInALateAnswerEndsThatConnectionWith500) {
  Mailbox mailbox;
  start([&](const Request& r, Responder responder) {
    if (r.target == "/later") {
      mailbox.push(std::move(responder));
    } else {
      size_handler(r, std::move(responder));
    }
  });
  TestClient client(server_->port());
  ASSERT_TRUE(client.send("GET /later HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto parked = mailbox.pop();
  ASSERT_TRUE(parked);
  std::string big(2 * kMiB, 'y');  // the answer cannot be serialized within 1 MiB
  testing::internal::CaptureStderr();
  std::optional<test::ClientResponse> answer;
  {
    const FailAbove limit(kMiB);
    parked->send(200, std::move(big));  // from this thread: posted to the I/O thread
    parked.reset();
    answer = client.read_response();
  }
  const std::string logged = testing::internal::GetCapturedStderr();
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 500);
  EXPECT_TRUE(answer->closes());
  EXPECT_TRUE(client.closed_by_server());
  EXPECT_NE(logged.find("bad_alloc"), std::string::npos) << logged;
  round_trip();
}

}  // namespace
}  // namespace archbench::http
