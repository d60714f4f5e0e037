// The shared HTTP/1.1 keep-alive server on Boost.Asio, used by every backend.
// One io_context per I/O thread; each connection lives on one thread for its whole life, so
// the hot path takes no lock. Keep this header free of Asio so that backends compile fast.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/http/handler.hpp"

namespace archbench::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  // 0: the kernel picks a free port; see Server::port()
  unsigned threads = 1;    // I/O threads
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
