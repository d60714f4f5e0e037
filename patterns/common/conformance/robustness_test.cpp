// Bad clients and bad days, black-box: every backend runs the shared transport through
// run_backend(), so every backend must drop a slow-loris client while serving the others,
// close idle and stalled connections, refuse clients past --max-connections with a 503, not
// allocate a body it was only promised, and survive running out of file descriptors without
// spinning a core. Each test starts its own backend with short limits (flags appended to the
// suite's arguments) and takes a few seconds.
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "common/conformance/ledger_fixture.hpp"

namespace archbench::conformance {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kHealth = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

// A field of /proc/PID/status, in kB ("VmSize", "VmRSS"); -1 if missing.
long status_kb(pid_t pid, std::string_view field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with(field) && line.size() > field.size() && line[field.size()] == ':') {
      return std::stol(line.substr(field.size() + 1));
    }
  }
  return -1;
}

// User + system CPU time of a process so far (/proc/PID/stat fields 14 and 15).
std::chrono::milliseconds cpu_time(pid_t pid) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  std::istringstream fields(stat.substr(stat.rfind(')') + 2));  // after "pid (comm) "
  std::string skip;
  for (int field = 3; field <= 13; ++field) fields >> skip;
  long user = 0;
  long system = 0;
  fields >> user >> system;
  const long ticks_per_second = ::sysconf(_SC_CLK_TCK);
  return std::chrono::milliseconds((user + system) * 1000 / ticks_per_second);
}

std::size_t open_descriptors(pid_t pid) {
  const std::filesystem::path fds = "/proc/" + std::to_string(pid) + "/fd";
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(fds),
                                                std::filesystem::directory_iterator()));
}

// Starts its backends itself, with the suite's arguments plus the limits a test needs.
class Robustness : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(suite_config().backend_executable.empty()) << "run with --backend NAME";
  }

  // Returns false (and fails the test) when the backend does not come up.
  bool start(const std::vector<std::string>& limits) {
    std::vector<std::string> args = {"--host", "127.0.0.1", "--port", "0"};
    for (auto& arg : backend_args(tmp_.path())) args.push_back(std::move(arg));
    args.insert(args.end(), limits.begin(), limits.end());
    backend_ = std::make_unique<BackendProcess>(suite_config().backend_executable, args);
    if (backend_->wait_until_listening(kStartTimeout)) return true;
    ADD_FAILURE() << "the backend did not start with the extra flags\n"
                  << backend_->describe_output();
    return false;
  }

  void TearDown() override {
    if (!backend_) return;
    if (const auto status = backend_->poll_exit()) {
      ADD_FAILURE() << "the backend ended during the test (" << status->describe() << ")\n"
                    << backend_->describe_output();
      return;
    }
    backend_->send_signal(SIGTERM);
    const auto stopped = backend_->wait_exit(kStopTimeout);
    if (!stopped) {
      backend_->kill_and_wait();
      ADD_FAILURE() << "still running " << kStopTimeout.count() << " s after SIGTERM";
    } else {
      EXPECT_TRUE(stopped->clean()) << stopped->describe() << "\n" << backend_->describe_output();
    }
  }

  [[nodiscard]] std::unique_ptr<RawConnection> connect() const {
    return std::make_unique<RawConnection>(backend_->host(), backend_->port());
  }
  // One /health on a new connection; true if answered 200.
  [[nodiscard]] bool serves() const {
    auto connection = connect();
    if (!connection->send(kHealth)) return false;
    const auto response = connection->read_response(5s);
    return response && response->status == 200;
  }

  TempDir tmp_;
  std::unique_ptr<BackendProcess> backend_;
};

TEST_F(Robustness, ASlowLorisClientIsDroppedWhileOthersAreServed) {
  ASSERT_TRUE(start({"--head-timeout", "2"}));
  auto loris = connect();
  // One byte a second: each byte arrives in time, but the head as a whole does not.
  const std::string head = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
  std::atomic<bool> dropped{false};
  const auto begin = Clock::now();
  std::thread slow([&] {
    for (std::size_t i = 0; i < head.size() && Clock::now() - begin < 8s; ++i) {
      if (!loris->send(head.substr(i, 1)) || loris->closed_by_peer(1s)) {
        dropped = true;
        return;
      }
    }
  });
  // Meanwhile the others: a request every 100 ms, each answered at once.
  int served = 0;
  while (!dropped && Clock::now() - begin < 8s) {
    EXPECT_TRUE(serves()) << "a well-behaved client was not served";
    ++served;
    std::this_thread::sleep_for(100ms);
  }
  slow.join();
  const auto took = Clock::now() - begin;
  EXPECT_TRUE(dropped) << "the slow client was still connected after 8 s";
  EXPECT_GE(took, 1500ms) << "dropped before its head timeout";
  EXPECT_LT(took, 5s);
  EXPECT_GE(served, 10);
}

TEST_F(Robustness, AnIdleKeepAliveConnectionIsClosed) {
  ASSERT_TRUE(start({"--idle-timeout", "1"}));
  auto connection = connect();
  ASSERT_TRUE(connection->send(kHealth));
  ASSERT_TRUE(connection->read_response());
  EXPECT_TRUE(connection->stays_open_and_silent(500ms)) << "closed before the idle timeout";
  EXPECT_TRUE(connection->closed_by_peer(3s)) << "still open long after the idle timeout";
}

TEST_F(Robustness, AStalledBodyIsDropped) {
  ASSERT_TRUE(start({"--body-timeout", "1"}));
  auto connection = connect();
  ASSERT_TRUE(connection->send(
      "POST /accounts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Content-Length: 100\r\n\r\n{\"owner\":"));
  EXPECT_TRUE(connection->stays_open_and_silent(500ms));
  EXPECT_TRUE(connection->closed_by_peer(3s)) << "still open long after the body timeout";
  EXPECT_TRUE(serves());
}

TEST_F(Robustness, ADeclaredBodyCostsNothingUntilItArrives) {
  ASSERT_TRUE(start({}));
  // 32 clients each promise 16 MiB and send nothing more: 512 MiB if the server believed them.
  constexpr int kClients = 32;
  ASSERT_TRUE(serves());
  const long before_kb = status_kb(backend_->pid(), "VmSize");
  ASSERT_GT(before_kb, 0);
  std::vector<std::unique_ptr<RawConnection>> promises;
  for (int i = 0; i < kClients; ++i) {
    promises.push_back(connect());
    ASSERT_TRUE(promises.back()->send(
        "POST /accounts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Content-Length: " +
        std::to_string(kMaxBodyBytes) + "\r\n\r\n"));
  }
  // Every head has been read once a later request on a new connection is answered (and the
  // wait covers servers with several I/O threads).
  std::this_thread::sleep_for(300ms);
  ASSERT_TRUE(serves());
  const long after_kb = status_kb(backend_->pid(), "VmSize");
  // Address space, not resident memory: an untouched 16 MiB allocation is not resident, but
  // it is reserved, and that is what must not happen.
  EXPECT_LT(after_kb - before_kb, 128 * 1024)
      << "the address space grew by " << (after_kb - before_kb) / 1024 << " MiB for " << kClients
      << " promised bodies";
}

TEST_F(Robustness, PastMaxConnectionsAClientGets503) {
  ASSERT_TRUE(start({"--max-connections", "4"}));
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 4; ++i) {
    held.push_back(connect());
    ASSERT_TRUE(held.back()->send(kHealth));
    ASSERT_TRUE(held.back()->read_response()) << "connection " << i;
  }
  auto refused = connect();
  refused->send(kHealth);
  const auto response = refused->read_response();
  ASSERT_TRUE(response.has_value());
  EXPECT_THAT(*response, IsError(503, "service_unavailable"));
  EXPECT_EQ(response->header("connection"), "close");
  EXPECT_TRUE(refused->closed_by_peer());
  refused.reset();
  held.clear();  // they close; the server counts them out and serves again
  bool served = false;
  for (int attempt = 0; attempt < 50 && !served; ++attempt) {
    served = serves();
    if (!served) std::this_thread::sleep_for(50ms);
  }
  EXPECT_TRUE(served);
}

TEST_F(Robustness, OutOfDescriptorsTheServerBacksOffAndRecovers) {
  ASSERT_TRUE(start({}));
  ASSERT_TRUE(serves());
  // Leave the backend a few descriptors more than it has open now.
  const pid_t pid = backend_->pid();
  // Counted once: the backend may still be closing the connection serves() used, and a soft
  // limit above the hard one is EINVAL.
  const auto open_now = open_descriptors(pid);
  const rlimit limit{open_now + 4, open_now + 4};
  ASSERT_EQ(::prlimit(pid, RLIMIT_NOFILE, &limit, nullptr), 0) << std::strerror(errno);
  // More clients than descriptors: the rest wait in the listen queue, and accept() fails
  // with EMFILE for as long as they are there.
  std::vector<std::unique_ptr<RawConnection>> clients;
  for (int i = 0; i < 12; ++i) clients.push_back(connect());
  std::this_thread::sleep_for(200ms);
  const auto cpu_before = cpu_time(pid);
  std::this_thread::sleep_for(1500ms);
  const auto cpu_used = cpu_time(pid) - cpu_before;
  std::cout << "backend CPU while out of descriptors: " << cpu_used.count() << " ms in 1.5 s\n";
  // Backing off costs a few milliseconds; a spinning acceptor burns whatever CPU it gets (360 ms
  // of the 1.5 s measured on a machine at load 20, the whole 1.5 s on a quiet one).
  EXPECT_LT(cpu_used, 150ms) << "the backend spun on accept() for " << cpu_used.count()
                             << " ms of CPU in 1.5 s";
  EXPECT_THAT(backend_->stderr_text(), ::testing::HasSubstr("cannot accept"));
  clients.clear();
  bool served = false;
  for (int attempt = 0; attempt < 50 && !served; ++attempt) {
    try {
      served = serves();
    } catch (const std::exception&) {  // connect() itself may be refused for a moment
    }
    if (!served) std::this_thread::sleep_for(100ms);
  }
  EXPECT_TRUE(served) << "not serving again once descriptors were free";
}

}  // namespace
}  // namespace archbench::conformance
