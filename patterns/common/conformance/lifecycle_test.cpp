// The process around the API: ready when it says so, stops cleanly and promptly on SIGTERM even
// with clients connected, and has a command line that helps and refuses typos.
#include <atomic>
#include <cctype>
#include <csignal>
#include <thread>

#include "common/conformance/ledger_fixture.hpp"

namespace archbench::conformance {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

// "Within a few seconds": generous for a loaded machine, far below a hang.
constexpr auto kPromptExit = 5s;

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Starts and stops backends itself, unlike LedgerTest.
class Lifecycle : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(suite_config().backend_executable.empty()) << "run with --backend NAME";
  }

  std::unique_ptr<BackendProcess> start() {
    std::string why;
    auto backend = start_backend(tmp_.path(), why);
    EXPECT_NE(backend, nullptr) << why;
    return backend;
  }

  // Runs the backend with `args` (no --port) and waits for it to end by itself.
  std::unique_ptr<BackendProcess> run_to_end(std::vector<std::string> args, ExitStatus& status) {
    auto process = std::make_unique<BackendProcess>(suite_config().backend_executable, args);
    const auto ended = process->wait_exit(kStopTimeout);
    EXPECT_TRUE(ended.has_value()) << "still running after " << kStopTimeout.count() << " s\n"
                                   << process->describe_output();
    status = ended ? *ended : process->kill_and_wait();
    return process;
  }

  // SIGTERM, then a clean exit within kPromptExit.
  static void expect_prompt_clean_exit(BackendProcess& backend) {
    backend.send_signal(SIGTERM);
    const auto status = backend.wait_exit(kPromptExit);
    if (!status) {
      backend.kill_and_wait();
      ADD_FAILURE() << "still running " << kPromptExit.count() << " s after SIGTERM\n"
                    << backend.describe_output();
      return;
    }
    EXPECT_TRUE(status->clean()) << "stopped with " << status->describe() << "\n"
                                 << backend.describe_output();
  }

  TempDir tmp_;
};

TEST_F(Lifecycle, ServesRightAfterTheListeningLine) {
  auto backend = start();
  ASSERT_NE(backend, nullptr);
  EXPECT_NE(backend->port(), 0) << "--port 0 must report the port actually bound";
  // No retry: once the line is out, the first request must be served.
  RawConnection connection(backend->host(), backend->port());
  ASSERT_TRUE(connection.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto response = connection.read_response();
  ASSERT_TRUE(response.has_value()) << backend->describe_output();
  EXPECT_THAT(*response, IsJson(200));
  EXPECT_EQ(response->body_json, json({{"status", "ok"}}));
  expect_prompt_clean_exit(*backend);
}

TEST_F(Lifecycle, SigtermWithKeepAliveClientsExitsZeroPromptly) {
  auto backend = start();
  ASSERT_NE(backend, nullptr);
  // A client library's pooled connection, idle after an answer.
  HttpClient client(backend->host(), backend->port());
  ASSERT_THAT(client.get("/health"), IsJson(200));
  // A raw connection idle after an answer, one that never sent a byte, one stuck in the middle
  // of a head, and one whose body never comes.
  RawConnection after_answer(backend->host(), backend->port());
  ASSERT_TRUE(after_answer.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(after_answer.read_response().has_value());
  RawConnection silent(backend->host(), backend->port());
  RawConnection half_head(backend->host(), backend->port());
  ASSERT_TRUE(half_head.send("POST /accounts HTTP/1.1\r\nHost: x\r\nContent-Le"));
  RawConnection no_body(backend->host(), backend->port());
  ASSERT_TRUE(no_body.send("POST /accounts HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\n\r\n{"));
  // Make sure the server has accepted them all before the signal.
  ASSERT_THAT(client.get("/health"), IsJson(200));
  expect_prompt_clean_exit(*backend);
}

TEST_F(Lifecycle, SigtermUnderLoadExitsZeroPromptly) {
  auto backend = start();
  ASSERT_NE(backend, nullptr);
  const std::string host = backend->host();
  const std::uint16_t port = backend->port();
  HttpClient setup(host, port);
  auto account = setup.post("/accounts", json{{"owner", "Ada"}, {"currency", "EUR"}});
  ASSERT_THAT(account, IsJson(201));
  const std::string id = account.body_json["id"].get<std::string>();

  std::atomic<bool> stop = false;
  std::atomic<int> served = 0;
  std::vector<std::jthread> clients;
  for (int t = 0; t < 2; ++t) {
    clients.emplace_back([&, t] {
      HttpClient client(host, port);
      for (int i = 0; !stop; ++i) {
        auto r = client.post(deposits_path(id), deposit_body(1, "load-" + std::to_string(t) + "-" +
                                                                    std::to_string(i)));
        if (r.status == 0) break;  // the server is gone
        ++served;
      }
    });
  }
  // Let the clients get going (bounded: a broken server must not hang the test).
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (served < 20 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(5ms);
  EXPECT_GE(served, 20) << "the clients could not get going";
  expect_prompt_clean_exit(*backend);
  stop = true;
}

TEST_F(Lifecycle, HelpExitsZeroAndPrintsUsage) {
  ExitStatus status;
  auto process = run_to_end({"--help"}, status);
  EXPECT_TRUE(status.clean()) << status.describe() << "\n" << process->describe_output();
  const std::string output = process->stdout_text() + process->stderr_text();
  EXPECT_THAT(lower(output), HasSubstr("usage")) << output;
  EXPECT_THAT(output, HasSubstr("--port")) << output;
}

TEST_F(Lifecycle, AnUnknownOptionExitsNonZeroWithAMessage) {
  std::vector<std::string> args = backend_args(tmp_.path());
  args.push_back("--no-such-option");
  ExitStatus status;
  auto process = run_to_end(args, status);
  EXPECT_TRUE(status.exited) << status.describe();
  EXPECT_NE(status.code, 0);
  const std::string output = process->stdout_text() + process->stderr_text();
  EXPECT_THAT(output, HasSubstr("--no-such-option")) << "the message should name the option";
}

}  // namespace
}  // namespace archbench::conformance
