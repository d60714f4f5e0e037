// A role of this same program as a child process (role_process.hpp).
#include "common/server/role_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace archbench {
namespace {

constexpr auto kReadyTimeout = std::chrono::seconds(30);
constexpr auto kStopGrace = std::chrono::seconds(5);

// Reads from `fd` until a line "listening on HOST:PORT" arrives (its HOST:PORT), or EOF, or the
// deadline (nullopt).
std::optional<std::string> wait_for_listening(int fd) {
  constexpr std::string_view kListening = "listening on ";
  const auto deadline = std::chrono::steady_clock::now() + kReadyTimeout;
  std::string seen;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd waiting{fd, POLLIN, 0};
    const int ready = ::poll(&waiting, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return std::nullopt;
    char chunk[512];
    const ssize_t got = ::read(fd, chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return std::nullopt;  // the child ended
    seen.append(chunk, static_cast<std::size_t>(got));
    for (std::size_t start = 0, end; (end = seen.find('\n', start)) != std::string::npos;
         start = end + 1) {
      if (seen.compare(start, kListening.size(), kListening) == 0) {
        return seen.substr(start + kListening.size(), end - start - kListening.size());
      }
    }
  }
}

}  // namespace

RoleProcess::RoleProcess(const std::vector<std::string>& role_args, std::string_view what) {
  std::string self(4096, '\0');
  const ssize_t length = ::readlink("/proc/self/exe", self.data(), self.size());
  if (length <= 0) throw std::runtime_error("cannot find this program's own path");
  self.resize(static_cast<std::size_t>(length));
  std::vector<std::string> args = {self};
  args.insert(args.end(), role_args.begin(), role_args.end());
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0)
    throw std::runtime_error(std::generic_category().message(errno));
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork: " + std::generic_category().message(errno));
  if (pid_ == 0) {
    // The child dies with us: a killed parent leaves no role behind.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(127);
    ::dup2(out[1], STDOUT_FILENO);  // stderr stays ours: its messages land in our log
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(out[1]);
  stdout_ = out[0];
  auto address = wait_for_listening(stdout_);
  if (!address) {
    stop();
    throw std::runtime_error(std::string(what) + " did not start; see its messages");
  }
  address_ = std::move(*address);
}

RoleProcess::~RoleProcess() { stop(); }

void RoleProcess::stop() noexcept {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + kStopGrace;
    int status = 0;
    while (::waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() >= deadline) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    pid_ = -1;
  }
  if (stdout_ >= 0) ::close(stdout_);
  stdout_ = -1;
}

}  // namespace archbench
