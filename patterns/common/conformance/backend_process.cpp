#include "common/conformance/backend_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <string_view>

namespace archbench::conformance {
namespace {

constexpr std::string_view kListeningPrefix = "listening on ";
constexpr std::size_t kShownOutputBytes = 4000;

// Closes a descriptor if open and marks it closed.
void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

std::string tail(const std::string& text) {
  if (text.size() <= kShownOutputBytes) return text;
  return "[...]" + text.substr(text.size() - kShownOutputBytes);
}

ExitStatus decode(int status) {
  ExitStatus result;
  if (WIFEXITED(status)) {
    result.exited = true;
    result.code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  }
  return result;
}

}  // namespace

std::string ExitStatus::describe() const {
  if (exited) return "exit code " + std::to_string(code);
  return "killed by signal " + std::to_string(signal) + " (" + ::strsignal(signal) + ")";
}

BackendProcess::BackendProcess(const std::string& executable,
                               const std::vector<std::string>& args) {
  // Everything the child needs is prepared before fork(): between fork() and exec() a
  // multi-threaded process may only call async-signal-safe functions (no allocation).
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(executable.c_str()));
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);

  int out[2], err[2], exec_error[2], stop[2];
  if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0 ||
      ::pipe2(exec_error, O_CLOEXEC) != 0 || ::pipe2(stop, O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
  }
  const int dev_null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const pid_t parent = ::getpid();

  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid_ == 0) {
    // The child: die with the suite (a killed test run must not leave servers behind), restore
    // the signal state the suite changed (ignored SIGPIPE survives exec), wire the pipes, exec.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    ::sigaction(SIGPIPE, &default_action, nullptr);
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::dup2(dev_null, STDIN_FILENO);
    ::dup2(out[1], STDOUT_FILENO);
    ::dup2(err[1], STDERR_FILENO);
    ::execv(executable.c_str(), argv.data());
    const int error = errno;
    [[maybe_unused]] const ssize_t ignored = ::write(exec_error[1], &error, sizeof error);
    ::_exit(127);
  }

  ::close(dev_null);
  ::close(out[1]);
  ::close(err[1]);
  ::close(exec_error[1]);
  // exec() closes the close-on-exec pipe: EOF means the backend runs; an errno means it failed.
  int error = 0;
  ssize_t got;
  do {
    got = ::read(exec_error[0], &error, sizeof error);
  } while (got < 0 && errno == EINTR);
  ::close(exec_error[0]);
  if (got == static_cast<ssize_t>(sizeof error)) {
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
    ::close(out[0]);
    ::close(err[0]);
    ::close(stop[0]);
    ::close(stop[1]);
    throw std::runtime_error("cannot run " + executable + ": " + std::strerror(error));
  }

  stop_read_ = stop[0];
  stop_write_ = stop[1];
  reader_ = std::thread(
      [this, stdout_fd = out[0], stderr_fd = err[0]] { read_output(stdout_fd, stderr_fd); });
}

BackendProcess::~BackendProcess() {
  if (pid_ > 0 && !poll_exit()) kill_and_wait();
  // The reader ends at EOF on both pipes; the stop pipe covers output held open by anything
  // the backend may have spawned.
  if (stop_write_ >= 0) {
    const char byte = 0;
    [[maybe_unused]] const ssize_t ignored = ::write(stop_write_, &byte, 1);
  }
  if (reader_.joinable()) reader_.join();
  close_fd(stop_read_);
  close_fd(stop_write_);
}

void BackendProcess::read_output(int stdout_fd, int stderr_fd) {
  int fds[2] = {stdout_fd, stderr_fd};
  while (fds[0] >= 0 || fds[1] >= 0) {
    pollfd waiting[3] = {{fds[0], POLLIN, 0}, {fds[1], POLLIN, 0}, {stop_read_, POLLIN, 0}};
    if (::poll(waiting, 3, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (waiting[2].revents != 0) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i] < 0 || waiting[i].revents == 0) continue;
      char chunk[4096];
      const ssize_t got = ::read(fds[i], chunk, sizeof chunk);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        close_fd(fds[i]);
        continue;
      }
      std::lock_guard lock(mutex_);
      (i == 0 ? stdout_ : stderr_).append(chunk, static_cast<std::size_t>(got));
      output_changed_.notify_all();
    }
  }
  close_fd(fds[0]);
  close_fd(fds[1]);
  std::lock_guard lock(mutex_);
  output_closed_ = true;
  output_changed_.notify_all();
}

bool BackendProcess::wait_until_listening(Duration timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock lock(mutex_);
  for (;;) {
    // Look for a whole line "listening on HOST:PORT".
    std::size_t line_start = 0;
    for (std::size_t end; (end = stdout_.find('\n', line_start)) != std::string::npos;
         line_start = end + 1) {
      std::string_view line(stdout_.data() + line_start, end - line_start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!line.starts_with(kListeningPrefix)) continue;
      line.remove_prefix(kListeningPrefix.size());
      const std::size_t colon = line.rfind(':');
      if (colon == std::string_view::npos) continue;
      const int port = std::atoi(std::string(line.substr(colon + 1)).c_str());
      if (port <= 0 || port > 65535) continue;
      host_ = std::string(line.substr(0, colon));
      port_ = static_cast<std::uint16_t>(port);
      return true;
    }
    if (output_closed_ || std::chrono::steady_clock::now() >= deadline) return false;
    // Wake on new output; the short slice also notices a process that died silently.
    output_changed_.wait_for(lock, std::chrono::milliseconds(50));
    lock.unlock();
    const bool ended = poll_exit().has_value();
    lock.lock();
    if (ended && !output_closed_) {
      // Give the reader a moment to collect what the process printed before it ended.
      output_changed_.wait_for(lock, std::chrono::milliseconds(200),
                               [&] { return output_closed_; });
    }
  }
}

void BackendProcess::send_signal(int signal_number) {
  if (pid_ > 0 && !exit_status_) ::kill(pid_, signal_number);
}

std::optional<ExitStatus> BackendProcess::poll_exit() {
  if (exit_status_ || pid_ <= 0) return exit_status_;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) exit_status_ = decode(status);
  return exit_status_;
}

std::optional<ExitStatus> BackendProcess::wait_exit(Duration timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  // Polling keeps this simple and portable; 5 ms is far below any timeout that matters here.
  while (!poll_exit() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (exit_status_) {
    std::unique_lock lock(mutex_);
    output_changed_.wait_for(lock, std::chrono::seconds(2), [&] { return output_closed_; });
  }
  return exit_status_;
}

ExitStatus BackendProcess::kill_and_wait() {
  if (poll_exit()) return *exit_status_;
  ::kill(pid_, SIGKILL);
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  exit_status_ = decode(status);
  return *exit_status_;
}

std::string BackendProcess::stdout_text() const {
  std::lock_guard lock(mutex_);
  return stdout_;
}

std::string BackendProcess::stderr_text() const {
  std::lock_guard lock(mutex_);
  return stderr_;
}

std::string BackendProcess::describe_output() const {
  std::lock_guard lock(mutex_);
  return "--- backend stdout ---\n" + tail(stdout_) + "\n--- backend stderr ---\n" + tail(stderr_) +
         "\n---";
}

}  // namespace archbench::conformance
