// A throw-away nats-server with JetStream for tests: started on a free loopback port with its
// own temporary store folder, ready when the constructor returns (its /healthz answered 200),
// stopped (and its folder removed) by the destructor.
//
//   archbench::testing::NatsServer nats;        // throws if nats-server is missing or mute
//   open_log("nats://127.0.0.1:" + std::to_string(nats.port()), ...);
//
// kill() or stop(), then restart(), let fault tests take the server away and bring it back with the
// same port and store, as a client sees a broker crash and recover.
#pragma once

#include <filesystem>
#include <string>

#include "common/testing/child_process.hpp"

namespace archbench::testing {

class NatsServer {
 public:
  NatsServer();
  ~NatsServer();
  NatsServer(const NatsServer&) = delete;
  NatsServer& operator=(const NatsServer&) = delete;

  [[nodiscard]] int port() const noexcept { return port_; }
  [[nodiscard]] std::string url() const { return "nats://127.0.0.1:" + std::to_string(port_); }

  void kill();     // SIGKILL: what a crash looks like to clients
  void stop();     // SIGINT: a clean stop that keeps the store (an outage, not a crash)
  void restart();  // a new server on the same port and store folder, ready when it returns

 private:
  bool start();

  std::filesystem::path store_;
  int port_ = 0;
  int monitor_port_ = 0;
  ChildProcess process_;
};

}  // namespace archbench::testing
