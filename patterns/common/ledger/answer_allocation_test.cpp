// Allocations per answer, over real HTTP: a counting global operator new (which is why this is
// a test binary of its own) around a server, a service and a client that allocate nothing in
// steady state themselves. After a warm-up, a thousand requests must cost zero allocations,
// whether the service answers inline on the I/O thread or late from a worker thread.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>
#include <thread>

#include "common/http/server.hpp"
#include "common/ledger/metrics.hpp"
#include "common/ledger/service.hpp"
#include "common/ledger/testing/relay_service.hpp"

namespace {
std::atomic<std::uint64_t> g_allocations{0};
}  // namespace

// Every allocation of the process, from any thread, goes through these. Built on malloc/free,
// which g++ cannot see pair up once they are inlined into callers (-Wmismatched-new-delete).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#pragma GCC diagnostic pop

namespace archbench::ledger {
namespace {

// Answers every call with the same account, written into the buffer the transport hands out:
// the shape of a real answer (longer than std::string's short buffer), with no work of its own.
class FixedAnswerService final : public Service {
 public:
  void handle(const Call&, Reply reply) override {
    std::string body = reply.take_buffer();
    body += R"({"id":"acc-1","owner":"alice","currency":"EUR","balance":1000})";
    reply.send(200, std::move(body));
  }
};

// One keep-alive connection with fixed buffers: sends a request, reads its whole answer.
class RawClient {
 public:
  explicit RawClient(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    timeval timeout{10, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    const int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
  }
  ~RawClient() { ::close(fd_); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  // The status of the answer to one GET, or 0 if the exchange failed.
  int get(std::string_view request) {
    if (!connected_ ||
        ::send(fd_, request.data(), request.size(), 0) != static_cast<ssize_t>(request.size())) {
      return 0;
    }
    std::size_t have = 0;
    for (;;) {
      const ssize_t n = ::recv(fd_, buffer_ + have, sizeof buffer_ - have, 0);
      if (n <= 0) return 0;
      have += static_cast<std::size_t>(n);
      const std::string_view received(buffer_, have);
      const std::size_t head_end = received.find("\r\n\r\n");
      if (head_end == received.npos) continue;
      constexpr std::string_view kLength = "Content-Length: ";
      const std::size_t at = received.find(kLength);
      if (at == received.npos || at > head_end) return 0;
      std::size_t length = 0;
      const char* digits = buffer_ + at + kLength.size();
      std::from_chars(digits, buffer_ + head_end, length);
      if (have < head_end + 4 + length) continue;
      if (have > head_end + 4 + length) return 0;  // one request, one answer
      int status = 0;
      std::from_chars(buffer_ + 9, buffer_ + 12, status);
      return status;
    }
  }

 private:
  int fd_;
  bool connected_ = false;
  char buffer_[4096];
};

// Serves `service` on one I/O thread while the test runs.
class RunningServer {
 public:
  explicit RunningServer(Service& service)
      : server_(http::ServerOptions{}, make_http_handler(service, metrics_, "alloc")),
        runner_([this] { server_.run(); }) {}
  ~RunningServer() {
    server_.stop();
    runner_.join();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;
  [[nodiscard]] std::uint16_t port() const { return server_.port(); }

 private:
  Metrics metrics_;
  http::Server server_;
  std::thread runner_;
};

constexpr std::string_view kRequest = "GET /accounts/acc-1 HTTP/1.1\r\nHost: test\r\n\r\n";
constexpr int kWarmUp = 200;
constexpr int kMeasured = 1000;

// Allocations per request over kMeasured requests, after kWarmUp.
double allocations_per_request(Service& service) {
  const RunningServer server(service);
  RawClient client(server.port());
  for (int i = 0; i < kWarmUp; ++i) {
    if (client.get(kRequest) != 200) ADD_FAILURE() << "warm-up request " << i << " failed";
  }
  const std::uint64_t before = g_allocations.load();
  int failures = 0;
  for (int i = 0; i < kMeasured; ++i) failures += client.get(kRequest) == 200 ? 0 : 1;
  const std::uint64_t after = g_allocations.load();
  EXPECT_EQ(failures, 0);
  return static_cast<double>(after - before) / kMeasured;
}

TEST(AnswerAllocations, CountingOperatorNewSeesAllocations) {  // the counter bites
  const std::uint64_t before = g_allocations.load();
  // Direct calls: the compiler may elide a new-expression's allocation, not these.
  void* p = ::operator new(16);
  ::operator delete(p);
  EXPECT_EQ(g_allocations.load() - before, 1U);
}

TEST(AnswerAllocations, InlineAnswerAllocatesNothing) {
  FixedAnswerService service;
  const double per_request = allocations_per_request(service);
  std::printf("inline answer: %.3f allocations per request\n", per_request);
  EXPECT_EQ(per_request, 0.0);
}

TEST(AnswerAllocations, LateAnswerFromAnotherThreadAllocatesNothing) {
  testing::RelayService service(std::make_unique<FixedAnswerService>());
  const double per_request = allocations_per_request(service);
  std::printf("late answer from another thread: %.3f allocations per request\n", per_request);
  EXPECT_EQ(per_request, 0.0);
}

}  // namespace
}  // namespace archbench::ledger
