// A throw-away redis-server for tests: started on a free loopback port with persistence off,
// ready when the constructor returns (it answered PING), stopped by the destructor.
//
//   archbench::testing::RedisServer redis;           // throws if it cannot start
//   RedisStore store("127.0.0.1", redis.port());
//
// Shared by every test that needs a real Redis: the hexagonal store contract suite and the
// conformance runner (a `{redis_port}` placeholder in a backend's ARGS). The server dies with the
// thread that started it (PR_SET_PDEATHSIG, see ChildProcess), so a test killed by its timeout
// leaves nothing behind: start it on the test's own thread.
#pragma once

#include <string>

#include "common/testing/child_process.hpp"

namespace archbench::testing {

class RedisServer {
 public:
  // The path of redis-server (find_on_path), or "" if it is not installed.
  [[nodiscard]] static std::string find_executable();

  // Starts a server (retrying on another port if the chosen one was taken meanwhile); throws
  // std::runtime_error if redis-server is missing or does not answer within a few seconds.
  RedisServer();
  ~RedisServer();  // SIGTERM (no save: persistence is off), then waits for the process
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  // Stops the server and starts a new, empty one on the same port: what a client sees when
  // its server restarts. Throws if the port cannot be had again.
  void restart();

  [[nodiscard]] int port() const noexcept { return port_; }
  [[nodiscard]] std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }

 private:
  bool start(const std::string& executable, int port);

  int port_ = 0;
  ChildProcess process_;
};

}  // namespace archbench::testing
