#include "common/testing/nats_server.hpp"

#include <signal.h>
#include <stdlib.h>

#include <chrono>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace archbench::testing {

NatsServer::NatsServer() {
  if (find_on_path("nats-server").empty()) {
    throw std::runtime_error("nats_server: nats-server is not installed (apt install nats-server)");
  }
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp != nullptr ? tmp : "/tmp") + "/archbench-nats-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("nats_server: mkdtemp failed");
  store_ = pattern;
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = free_loopback_port();
    monitor_port_ = free_loopback_port();
    if (start()) return;
  }
  throw std::runtime_error("nats_server: nats-server did not start (5 attempts)");
}

NatsServer::~NatsServer() {
  process_.stop(SIGINT);  // SIGINT is nats-server's clean stop (SIGTERM exits 1)
  std::error_code ignored;
  std::filesystem::remove_all(store_, ignored);
}

void NatsServer::kill() { process_.stop(SIGKILL, std::chrono::milliseconds(0)); }

void NatsServer::stop() { process_.stop(SIGINT); }

void NatsServer::restart() {
  process_.stop(SIGINT);
  if (!start()) {
    throw std::runtime_error("nats_server: cannot restart on port " + std::to_string(port_));
  }
}

bool NatsServer::start() {
  process_ =
      ChildProcess({find_on_path("nats-server"), "-a", "127.0.0.1", "-p", std::to_string(port_),
                    "-m", std::to_string(monitor_port_), "-js", "-sd", store_.string()});
  // Polling: nats-server gives no other sign of readiness (about 100 ms here).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (!process_.running()) return false;  // most likely a port was taken meanwhile
    if (http_get_ok(monitor_port_, "/healthz")) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  process_.stop(SIGKILL);
  return false;
}

}  // namespace archbench::testing
