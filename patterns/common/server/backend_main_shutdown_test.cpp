// run_backend's shutdown with answers still in flight: a service holds requests on its own
// thread and answers them only when run_backend drains it (Service::stop) after SIGTERM - from a
// foreign thread, while the transport is being torn down. Nothing may crash, hang or touch
// freed memory (the debug preset runs it under AddressSanitizer: with the metrics destroyed
// before the service, as they once were, the late answers write into freed counters), every
// held request is answered, and run_backend exits 0.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/ledger/service.hpp"
#include "common/server/backend_main.hpp"

namespace archbench {
namespace {

// What the test sees of a service that lives inside run_backend.
struct Observed {
  std::atomic<int> held{0};
  std::atomic<int> answered_in_stop{0};
  std::atomic<bool> stopped{false};
};

// Holds every call on its worker thread until stop(), then answers them all from there.
class HoldingService final : public ledger::Service {
 public:
  explicit HoldingService(std::shared_ptr<Observed> observed)
      : observed_(std::move(observed)), worker_([this] { run(); }) {}
  ~HoldingService() override { HoldingService::stop(); }

  void handle(const ledger::Call&, ledger::Reply reply) override {
    const std::lock_guard lock(mutex_);
    held_.push_back(std::move(reply));
    observed_->held.fetch_add(1);
  }

  void stop() override {
    {
      const std::lock_guard lock(mutex_);
      if (stopping_) return;
      stopping_ = true;
    }
    changed_.notify_one();
    worker_.join();
    observed_->stopped = true;
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return stopping_; });
    std::vector<ledger::Reply> replies = std::move(held_);
    lock.unlock();
    for (ledger::Reply& reply : replies) {
      reply.body() += R"({"answered":"while shutting down"})";
      reply.send(200);
      observed_->answered_in_stop.fetch_add(1);
    }
  }

  std::shared_ptr<Observed> observed_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<ledger::Reply> held_;
  bool stopping_ = false;
  std::thread worker_;
};

// A port nobody listens on right now (the kernel's pick; free again once closed).
std::uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

// Connects (retrying while the server starts) and sends one request; the socket, or -1.
int connect_and_send(std::uint16_t port, const std::string& request) {
  for (int attempt = 0; attempt < 200; ++attempt) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval timeout{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) {
      if (::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
        return fd;
      }
    }
    ::close(fd);
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return -1;
}

TEST(BackendShutdown, LateAnswersDuringTheDrainAreSafeAndTheExitCodeIsZero) {
  constexpr int kClients = 8;
  auto observed = std::make_shared<Observed>();
  const std::string port = std::to_string(free_port());
  std::promise<int> exit_code;
  std::thread backend([&] {
    std::string program = "archbench-holding";
    std::string port_flag = "--port";
    std::string port_value = port;
    std::string threads_flag = "--threads";
    std::string threads_value = "2";
    std::vector<char*> argv = {program.data(), port_flag.data(), port_value.data(),
                               threads_flag.data(), threads_value.data()};
    exit_code.set_value(run_backend(
        static_cast<int>(argv.size()), argv.data(),
        {.name = "holding",
         .summary = "holds every request until shutdown",
         .add_options = {},
         .make_service = [observed] { return std::make_unique<HoldingService>(observed); }}));
  });

  std::vector<int> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.push_back(connect_and_send(static_cast<std::uint16_t>(std::stoi(port)),
                                       "POST /accounts HTTP/1.1\r\nHost: t\r\nContent-Length: "
                                       "2\r\n\r\n{}"));
    ASSERT_GE(clients.back(), 0) << "client " << i << " could not reach the backend";
  }
  for (int i = 0; i < 400 && observed->held.load() < kClients; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(observed->held.load(), kClients);

  std::raise(SIGTERM);  // run_backend's signal thread stops the server; then the drain
  auto result = exit_code.get_future();
  ASSERT_EQ(result.wait_for(std::chrono::seconds(30)), std::future_status::ready);
  backend.join();
  EXPECT_EQ(result.get(), 0);
  EXPECT_TRUE(observed->stopped);
  EXPECT_EQ(observed->answered_in_stop.load(), kClients);
  // The I/O threads had stopped: each connection closes (the answer was counted, not sent).
  for (const int fd : clients) {
    char byte = 0;
    EXPECT_LE(::recv(fd, &byte, 1, 0), 0);
    ::close(fd);
  }
}

}  // namespace
}  // namespace archbench
