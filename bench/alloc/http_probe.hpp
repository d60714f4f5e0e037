// A backend's Service served over real HTTP on a loopback port, in this process, and a client
// that allocates nothing once built: what lets a counting allocator (counting_allocator.hpp)
// charge every allocation in a window to the requests sent in it. The server is the shared
// transport and front every backend runs behind (http::Server, ledger::make_http_handler), with
// one I/O thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "common/http/server.hpp"
#include "common/ledger/metrics.hpp"
#include "common/ledger/service.hpp"

namespace archbench::alloc {

// Serves `service` while it lives.
class RunningServer {
 public:
  explicit RunningServer(ledger::Service& service);
  ~RunningServer();
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;
  [[nodiscard]] std::uint16_t port() const { return server_.port(); }

 private:
  ledger::Metrics metrics_;
  http::Server server_;
  std::thread runner_;
};

// One keep-alive connection with its buffer allocated up front.
class RawClient {
 public:
  explicit RawClient(std::uint16_t port);
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  // Sends one whole request (head and body), reads its whole answer: its status, or 0 if the
  // exchange failed. body() is the answer's body until the next exchange.
  int exchange(std::string_view request);
  [[nodiscard]] std::string_view body() const { return body_; }

 private:
  int fd_;
  bool connected_ = false;
  std::vector<char> buffer_;
  std::string_view body_;
};

// `POST target` with a JSON body, or a GET when `body` is empty, as one request's bytes.
[[nodiscard]] std::string http_request(std::string_view method, std::string_view target,
                                       std::string_view body = {});

}  // namespace archbench::alloc
