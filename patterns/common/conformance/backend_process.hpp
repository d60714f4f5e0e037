// A backend under test as a child process: started with fork/exec, its stdout and stderr
// captured by a reader thread (so a chatty backend never blocks on a full pipe, and failures
// can show what it printed), its "listening on HOST:PORT" line awaited, and its exit observed.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace archbench::conformance {

// How a child process ended.
struct ExitStatus {
  bool exited = false;  // true: exit(code); false: killed by `signal`
  int code = 0;
  int signal = 0;

  [[nodiscard]] bool clean() const { return exited && code == 0; }
  [[nodiscard]] std::string describe() const;  // "exit code 0", "killed by signal 11 (SIGSEGV)"
};

class BackendProcess {
 public:
  using Duration = std::chrono::milliseconds;

  // Starts `executable` with `args` (argv[0] is the executable). Throws std::runtime_error when
  // it cannot be started at all (e.g. no such file). The child dies with the suite.
  BackendProcess(const std::string& executable, const std::vector<std::string>& args);
  // Kills the process if it still runs and reaps it.
  ~BackendProcess();
  BackendProcess(const BackendProcess&) = delete;
  BackendProcess& operator=(const BackendProcess&) = delete;

  // Waits until stdout holds the line "listening on HOST:PORT" and records host and port.
  // Returns false if the process exits first or the timeout passes.
  bool wait_until_listening(Duration timeout);
  [[nodiscard]] const std::string& host() const { return host_; }
  [[nodiscard]] std::uint16_t port() const { return port_; }
  [[nodiscard]] pid_t pid() const { return pid_; }

  void send_signal(int signal_number);
  // The exit status if the process has ended, without waiting.
  std::optional<ExitStatus> poll_exit();
  // Waits up to `timeout` for the process to end; then also waits (briefly) for the rest of
  // its output, so that stdout_text()/stderr_text() are complete.
  std::optional<ExitStatus> wait_exit(Duration timeout);
  // SIGKILL and reap.
  ExitStatus kill_and_wait();

  [[nodiscard]] std::string stdout_text() const;
  [[nodiscard]] std::string stderr_text() const;
  // Both outputs, labelled and trimmed to their last few kilobytes, for failure messages.
  [[nodiscard]] std::string describe_output() const;

 private:
  void read_output(int stdout_fd, int stderr_fd);  // the reader thread

  pid_t pid_ = -1;
  std::optional<ExitStatus> exit_status_;
  std::string host_;
  std::uint16_t port_ = 0;

  mutable std::mutex mutex_;
  std::condition_variable output_changed_;
  std::string stdout_;
  std::string stderr_;
  bool output_closed_ = false;  // both pipes reached EOF
  int stop_read_ = -1;          // a byte here tells the reader to stop early
  int stop_write_ = -1;
  std::thread reader_;
};

}  // namespace archbench::conformance
