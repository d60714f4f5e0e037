// What the tests of the three-process deployment share (shard_host_fault_test.cpp,
// front_recovery_test.cpp): starting a program built beside them and a shard host, a bounded
// wait, and which of two hosts owns an account.
#pragma once

#include <gtest/gtest.h>

#include <caf/actor.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "actor/actors/actor_pool.hpp"
#include "common/conformance/backend_process.hpp"
#include "common/conformance/fault_testing.hpp"

namespace archbench::actor::remote::three_processes {

// `command[0]`, built beside the test (archbench-actor or a wrong variant), started with the rest
// of `command` and then `args`; waits for its "listening on" line. On failure: a test failure
// with the program's output, and nullptr.
inline std::unique_ptr<conformance::BackendProcess> start(const std::vector<std::string>& command,
                                                          const std::vector<std::string>& args) {
  std::vector<std::string> all(command.begin() + 1, command.end());
  all.insert(all.end(), args.begin(), args.end());
  auto process = std::make_unique<conformance::BackendProcess>(
      fault_testing::sibling_executable(command.at(0)).string(), all);
  if (!process->wait_until_listening(std::chrono::seconds(30))) {
    ADD_FAILURE() << command.at(0) << " did not start:\n" << process->describe_output();
    return nullptr;
  }
  return process;
}

// A shard host (`archbench-actor --role shard-host`) on `port` (0: any free one), journaled at
// `journal`, with one CAF thread and the `sharing` scheduler (three processes share two cores).
inline std::unique_ptr<conformance::BackendProcess> start_host(
    std::uint16_t port, const std::filesystem::path& journal) {
  return start({"archbench-actor"},
               {"--role", "shard-host", "--host", "127.0.0.1", "--port", std::to_string(port),
                "--actor-threads", "1", "--scheduler", "sharing", "--journal", journal.string()});
}

// The shared bounded wait (polling every 20 ms), 20 s unless a call gives its own bound.
template <class Predicate>
bool eventually(Predicate done,
                std::chrono::steady_clock::duration timeout = std::chrono::seconds(20)) {
  return fault_testing::eventually(done, timeout, std::chrono::milliseconds(20));
}

// Which of two hosts owns an account: the front's own rule (actors/actor_pool.hpp), host i =
// shard i.
inline std::size_t host_of(const std::string& account) {
  static const ActorPool two_hosts(std::vector<caf::actor>(2));
  return two_hosts.index_of(account);
}

}  // namespace archbench::actor::remote::three_processes
