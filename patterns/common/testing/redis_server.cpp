// A redis-server child process (ChildProcess), ready once it answers as itself on its port.
#include "common/testing/redis_server.hpp"

#include <chrono>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <vector>

namespace archbench::testing {
namespace {

// Asks the server on `port` for its process id (INFO server). nullopt: nobody answers yet.
// Checking the pid, not only PING, guards against a server of another test that grabbed the
// port we picked.
std::optional<long> server_pid(int port) {
  constexpr std::string_view kField = "process_id:";
  // The reply is one bulk string, "$<length>\r\n<text>\r\n": read until the field and its line
  // have arrived, without parsing more than we need.
  const auto reply = ask_loopback(port, "INFO server\r\n", [&](std::string_view text) {
    const auto at = text.find(kField);
    return at != std::string_view::npos && text.find("\r\n", at) != std::string_view::npos;
  });
  if (!reply) return std::nullopt;
  const auto at = reply->find(kField);
  if (at == std::string::npos || reply->find("\r\n", at) == std::string::npos) return std::nullopt;
  return std::strtol(reply->c_str() + at + kField.size(), nullptr, 10);
}

}  // namespace

std::string RedisServer::find_executable() { return find_on_path("redis-server"); }

RedisServer::RedisServer() {
  const std::string executable = find_executable();
  if (executable.empty()) {
    throw std::runtime_error(
        "redis_server: redis-server is not on PATH (apt install redis-server)");
  }
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (start(executable, free_loopback_port())) return;
  }
  throw std::runtime_error("redis_server: redis-server did not start (5 attempts)");
}

RedisServer::~RedisServer() { process_.stop(); }

void RedisServer::restart() {
  process_.stop();
  if (!start(find_executable(), port_)) {
    throw std::runtime_error("redis_server: cannot restart on port " + std::to_string(port_));
  }
}

bool RedisServer::start(const std::string& executable, int port) {
  const std::string port_text = std::to_string(port);
  port_ = port;
  // Persistence off: nothing is written to disk, and SIGTERM stops it at once.
  process_ = ChildProcess({executable, "--bind", "127.0.0.1", "--port", port_text, "--save", "",
                           "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"});

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (!process_.running()) return false;  // it exited: most likely the port was taken
    if (const auto answered = server_pid(port)) {
      if (*answered == process_.pid()) return true;
      // Another server holds this port; ours will fail to bind and exit.
      process_.stop();
      return false;
    }
    // Polling for readiness: redis-server offers no other signal (it usually takes ~10 ms).
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  process_.stop();
  throw std::runtime_error("redis_server: no answer on port " + port_text + " within 10 s");
}

}  // namespace archbench::testing
