// archbench-conformance: the black-box suite every backend must pass.
//
//   archbench-conformance [gtest flags] --backend NAME [-- BACKEND ARGS...]
//
// NAME is a pattern (the binary archbench-NAME next to this one) or a path to a backend binary.
// BACKEND ARGS are passed to every start of the backend; {tmp} in them becomes a fresh empty
// folder each time (for file-backed stores), {redis_port} the port of a redis-server started
// for each test (archbench::testing::RedisServer), and {nats_url} the URL of a nats-server with
// JetStream started for each test (archbench::testing::NatsServer). --gtest_list_tests works
// without --backend, which is how CMake's gtest_discover_tests() lists the cases at build time.
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/conformance/ledger_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using archbench::conformance::suite_config;

constexpr std::string_view kUsage =
    "usage: archbench-conformance [gtest flags] --backend NAME|PATH [-- BACKEND ARGS...]\n"
    "  NAME runs archbench-NAME from this program's folder; {tmp} in BACKEND ARGS becomes a\n"
    "  fresh temporary folder for every start of the backend, {redis_port} the port of a\n"
    "  redis-server and {nats_url} the URL of a nats-server (JetStream) started for each test.\n";

// archbench-NAME next to this executable, or NAME itself when it is a path.
fs::path backend_executable(const std::string& name) {
  if (name.find('/') != std::string::npos) return fs::absolute(name);
  const fs::path self = fs::read_symlink("/proc/self/exe");
  return self.parent_path() / ("archbench-" + name);
}

}  // namespace

int main(int argc, char** argv) {
  // Everything after "--" belongs to the backend; gtest must not see it.
  std::vector<char*> ours;
  std::vector<std::string> backend_args;
  bool after_separator = false;
  for (int i = 0; i < argc; ++i) {
    if (after_separator) {
      backend_args.emplace_back(argv[i]);
    } else if (i > 0 && std::string_view(argv[i]) == "--") {
      after_separator = true;
    } else {
      ours.push_back(argv[i]);
    }
  }
  int our_argc = static_cast<int>(ours.size());
  ours.push_back(nullptr);
  ::testing::InitGoogleTest(&our_argc, ours.data());
  // {redis_port} in the backend's arguments: a fresh redis-server per test (gtest owns it).
  ::testing::UnitTest::GetInstance()->listeners().Append(new archbench::conformance::RedisPerTest);

  std::string backend;
  for (int i = 1; i < our_argc; ++i) {
    const std::string_view arg = ours[static_cast<std::size_t>(i)];
    if (arg == "--backend" && i + 1 < our_argc) {
      backend = ours[static_cast<std::size_t>(++i)];
    } else if (arg.starts_with("--backend=")) {
      backend = std::string(arg.substr(std::string_view("--backend=").size()));
    } else if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else {
      std::cerr << "archbench-conformance: unexpected argument '" << arg << "'\n" << kUsage;
      return 2;
    }
  }

  if (backend.empty()) {
    if (GTEST_FLAG_GET(list_tests)) return RUN_ALL_TESTS();  // only lists
    std::cerr << "archbench-conformance: --backend is required\n" << kUsage;
    return 2;
  }
  const fs::path executable = backend_executable(backend);
  if (::access(executable.c_str(), X_OK) != 0) {
    std::cerr << "archbench-conformance: " << executable.string()
              << " is not an executable file (build it first)\n";
    return 2;
  }
  auto& config = suite_config();
  config.backend_executable = executable.string();
  config.backend_args = std::move(backend_args);

  // Framing tests write to sockets the server may close first: that must be an error return
  // (EPIPE), not a signal that kills the suite. Backends get SIGPIPE's default back on exec.
  std::signal(SIGPIPE, SIG_IGN);
  std::cout << "conformance of " << config.backend_executable;
  for (const auto& arg : config.backend_args) std::cout << ' ' << arg;
  std::cout << std::endl;
  return RUN_ALL_TESTS();
}
