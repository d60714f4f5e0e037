#include "common/testing/redis_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <vector>

namespace archbench::testing {
namespace {

using Clock = std::chrono::steady_clock;

// A socket that closes itself.
class Socket {
 public:
  Socket() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    if (fd_ < 0) throw std::runtime_error("redis_server: socket() failed");
  }
  ~Socket() { ::close(fd_); }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  [[nodiscard]] int fd() const noexcept { return fd_; }

 private:
  int fd_;
};

sockaddr_in loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

// A port that was free a moment ago (the kernel's pick for port 0). Someone may take it before
// redis-server binds it; start() notices and the constructor tries another.
int free_port() {
  Socket socket;
  sockaddr_in address = loopback(0);
  socklen_t size = sizeof address;
  if (::bind(socket.fd(), reinterpret_cast<sockaddr*>(&address), size) != 0 ||
      ::getsockname(socket.fd(), reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    throw std::runtime_error("redis_server: cannot find a free port");
  }
  return ntohs(address.sin_port);
}

// Asks the server on `port` for its process id (INFO server). nullopt: nobody answers yet.
// Checking the pid, not only PING, guards against a server of another test that grabbed the
// port we picked.
std::optional<long> server_pid(int port) {
  Socket socket;
  const sockaddr_in address = loopback(port);
  if (::connect(socket.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    return std::nullopt;
  }
  constexpr std::string_view kCommand = "INFO server\r\n";
  if (::send(socket.fd(), kCommand.data(), kCommand.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(kCommand.size())) {
    return std::nullopt;
  }
  // The reply is one bulk string, "$<length>\r\n<text>\r\n"; read until "process_id:" and its
  // line have arrived (or the server closes), without parsing more than we need.
  timeval timeout{1, 0};
  ::setsockopt(socket.fd(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  std::string reply;
  char buffer[4096];
  while (true) {
    const auto at = reply.find("process_id:");
    if (at != std::string::npos && reply.find("\r\n", at) != std::string::npos) {
      return std::strtol(reply.c_str() + at + 11, nullptr, 10);
    }
    const ssize_t n = ::recv(socket.fd(), buffer, sizeof buffer, 0);
    if (n <= 0) return std::nullopt;
    reply.append(buffer, static_cast<std::size_t>(n));
  }
}

}  // namespace

std::string RedisServer::find_executable() {
  const char* path = std::getenv("PATH");
  std::string_view rest = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  while (!rest.empty()) {
    const auto colon = rest.find(':');
    const auto folder = rest.substr(0, colon);
    rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
    if (folder.empty()) continue;
    std::string candidate = std::string(folder) + "/redis-server";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

RedisServer::RedisServer() {
  const std::string executable = find_executable();
  if (executable.empty()) {
    throw std::runtime_error(
        "redis_server: redis-server is not on PATH (apt install redis-server)");
  }
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (start(executable, free_port())) return;
  }
  throw std::runtime_error("redis_server: redis-server did not start (5 attempts)");
}

RedisServer::~RedisServer() { stop(); }

void RedisServer::restart() {
  const int port = port_;
  stop();
  if (!start(find_executable(), port)) {
    throw std::runtime_error("redis_server: cannot restart on port " + std::to_string(port));
  }
}

bool RedisServer::start(const std::string& executable, int port) {
  const std::string port_text = std::to_string(port);
  // Persistence off: nothing is written to disk, and SIGTERM stops it at once.
  std::vector<std::string> args = {
      executable,     "--bind", "127.0.0.1",   "--port", port_text,    "--save", "",
      "--appendonly", "no",     "--daemonize", "no",     "--loglevel", "warning"};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("redis_server: fork() failed");
  if (pid == 0) {
    // The child: only async-signal-safe calls until exec. Die with the test process, so that
    // a test killed by its timeout leaves no server behind.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(1);
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) ::dup2(null, STDOUT_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  pid_ = pid;
  port_ = port;

  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (Clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {  // it exited: most likely the port was taken
      pid_ = -1;
      return false;
    }
    if (const auto answered = server_pid(port_)) {
      if (*answered == pid_) return true;
      // Another server holds this port; ours will fail to bind and exit.
      stop();
      return false;
    }
    // Polling for readiness: redis-server offers no other signal (it usually takes ~10 ms).
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  stop();
  throw std::runtime_error("redis_server: no answer on port " + port_text + " within 10 s");
}

void RedisServer::stop() noexcept {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  const auto deadline = Clock::now() + std::chrono::seconds(5);
  int status = 0;
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (Clock::now() >= deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  pid_ = -1;
}

}  // namespace archbench::testing
