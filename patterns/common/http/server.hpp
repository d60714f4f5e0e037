// The shared HTTP/1.1 keep-alive server on Boost.Asio, used by every backend.
// One io_context per I/O thread; each connection lives on one thread for its whole life, so
// the hot path takes no lock. Keep this header free of Asio so that backends compile fast.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "common/http/handler.hpp"

namespace archbench::http {

// Every backend takes these from its command line (server_cli.hpp); docs/workload.md, "HTTP",
// documents the defaults.
struct ServerOptions {
  using Duration = std::chrono::milliseconds;

  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  // 0: the kernel picks a free port; see Server::port()
  unsigned threads = 1;    // I/O threads

  // How long the server waits on a client before it closes the connection (without an answer:
  // the client is stalled or gone). Kept by a sweep every quarter of the shortest one (at most
  // 1 s), so each is honoured within two such ticks.
  Duration head_timeout{10'000};   // from a head's first byte to its blank line
  Duration body_timeout{30'000};   // between two reads of a body that is still arriving
  Duration idle_timeout{60'000};   // a kept-alive connection between requests; an unread answer
  Duration linger_timeout{5'000};  // after the last answer, for the client to close its side

  // Past this many open connections, a new client gets 503 service_unavailable and is closed.
  std::size_t max_connections = 10'000;
};

class Server {
 public:
  Server(ServerOptions options, Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port actually bound (known once the constructor returns).
  [[nodiscard]] std::uint16_t port() const;
  [[nodiscard]] const std::string& host() const;

  // Serves until stop() is called (from any thread or a signal handler thread), then returns
  // after every I/O thread has finished.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace archbench::http
