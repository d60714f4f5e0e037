// A tiny HTTP/1.1 server for the load generator's tests: blocking sockets, one thread per
// connection, keep-alive, Content-Length bodies, and a handler function that decides every
// answer (and may stall on purpose). Listens on 127.0.0.1 on a free port.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace archbench::loadgen::testing {

struct TestRequest {
  std::string method;
  std::string target;
  std::string body;
};

struct TestResponse {
  int status = 200;
  std::string body = "{}";
  // How the connection ends after this request: kept alive; answered with "Connection: close"
  // and closed; or closed at once without an answer (what a crashing server does).
  enum class Then { keep_alive, close, drop } then = Then::keep_alive;
};

class TestServer {
 public:
  // The handler runs on the connection threads, concurrently: it must be thread-safe.
  explicit TestServer(std::function<TestResponse(const TestRequest&)> handler);
  ~TestServer();  // stops accepting, closes every connection, joins every thread
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  [[nodiscard]] std::uint16_t port() const noexcept { return port_; }

 private:
  void accept_loop();
  void serve(int fd);

  std::function<TestResponse(const TestRequest&)> handler_;
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::vector<int> client_fds_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

}  // namespace archbench::loadgen::testing
