// The pieces every "start a real server for this test" helper needs (redis-server,
// nats-server): a free loopback port, a child process that dies with the test and is stopped
// with a signal and a deadline, and a question on the loopback to learn when it is ready.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace archbench::testing {

// A loopback port that was free a moment ago (the kernel's pick for port 0). Someone may take
// it before the server binds it: callers check that their own server answers, and retry.
[[nodiscard]] int free_loopback_port();

// The path of `name` found on PATH, or "" if it is not installed.
[[nodiscard]] std::string find_on_path(const std::string& name);

// Sends `request` to 127.0.0.1:`port` and reads the reply until `complete(reply)` says it has
// enough, the peer closes, or a read waits a second. nullopt when nobody accepts the connection
// or the request cannot be sent: how a helper asks its server whether it is up yet.
[[nodiscard]] std::optional<std::string> ask_loopback(
    int port, std::string_view request, const std::function<bool(std::string_view)>& complete);

// True when an HTTP GET of `path` on 127.0.0.1:`port` answers 200 within a second.
[[nodiscard]] bool http_get_ok(int port, const std::string& path);

class ChildProcess {
 public:
  ChildProcess() = default;
  // Starts args[0] with args; its stdout goes to /dev/null, and it gets SIGTERM if the thread
  // that started it dies (so a test killed by its timeout leaves nothing behind).
  explicit ChildProcess(const std::vector<std::string>& args);
  ~ChildProcess() { stop(); }
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  [[nodiscard]] pid_t pid() const { return pid_; }
  // True while the process has not exited.
  [[nodiscard]] bool running();
  // Sends `signal`, waits up to `grace` for the exit, then SIGKILL. No-op once stopped.
  void stop(int signal = 15 /* SIGTERM */,
            std::chrono::milliseconds grace = std::chrono::milliseconds(5000)) noexcept;

 private:
  pid_t pid_ = -1;
};

}  // namespace archbench::testing
