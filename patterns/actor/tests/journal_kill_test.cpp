// The real archbench-actor over HTTP with --journal DIR: kill -9 of the whole process under a
// load of concurrent transfers and deposits, a restart on the same DIR, then: every
// acknowledged request is there (its retry gets the same id), every request that got no answer
// has exactly one outcome (its retry gets it), no transfer is half-applied (the restart rolls
// forward those the kill caught between debit and credit), nothing is applied twice, and the
// money is all there. Both granularities; ARCHBENCH_CRASH_ROUNDS=20 for the long run.
//
// And it bites: the same round against a journal written after the answer
// (tests/wrong/late_journal.cpp) loses acknowledged requests.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/conformance/backend_process.hpp"
#include "common/conformance/fault_testing.hpp"
#include "common/testing/temp_dir.hpp"

namespace archbench::actor {
namespace {

namespace fs = std::filesystem;
using conformance::BackendProcess;
using fault_testing::KillLoad;
using fault_testing::KillVerdict;
using namespace std::chrono_literals;

constexpr const char* kActor = "archbench-actor";
constexpr const char* kLateJournal = "test-actor-late-journal";  // tests/wrong/late_journal.cpp

std::unique_ptr<BackendProcess> start(const std::string& binary, const fs::path& journal,
                                      const std::string& granularity) {
  auto backend = std::make_unique<BackendProcess>(
      fault_testing::sibling_executable(binary).string(),
      std::vector<std::string>{"--port", "0", "--threads", "2", "--actor-threads", "2",
                               "--granularity", granularity, "--journal", journal.string()});
  if (!backend->wait_until_listening(15s)) {
    ADD_FAILURE() << binary << " did not start:\n" << backend->describe_output();
    return nullptr;
  }
  return backend;
}

// Eight funded accounts, four writers (every fourth request a deposit), SIGKILL `after` into
// the load, a restart on the same journals: what survived. nullopt (and a test failure) if a
// process did not start or the accounts could not be opened.
std::optional<KillVerdict> kill_round(const std::string& binary, const std::string& granularity,
                                      std::chrono::milliseconds after) {
  archbench::testing::TempDir journals("archbench-actor");
  KillLoad load({.accounts = 8,
                 .funding = 1'000'000,
                 .writers = 4,
                 .requests_per_writer = 2000,
                 .deposit_every = 4,
                 .writer_stride = 3});
  {
    auto backend = start(binary, journals.path(), granularity);
    if (!backend) return std::nullopt;
    if (const std::string problem = load.open_accounts(*backend); !problem.empty()) {
      ADD_FAILURE() << problem;
      return std::nullopt;
    }
    load.run_and_kill(*backend, after);
  }
  auto restarted = start(binary, journals.path(), granularity);
  if (!restarted) return std::nullopt;
  return load.verify(*restarted);
}

class ActorJournalKill : public ::testing::TestWithParam<std::string> {};
INSTANTIATE_TEST_SUITE_P(Granularity, ActorJournalKill, ::testing::Values("shard:2", "account"),
                         [](const auto& param) {
                           return param.param == "account" ? std::string("Account")
                                                           : std::string("Shard2");
                         });

TEST_P(ActorJournalKill, KillNineUnderLoadLosesNothingAcknowledgedAndAppliesNothingTwice) {
  // NOLINTNEXTLINE(concurrency-mt-unsafe): read before any thread of the test starts
  const char* rounds_env = std::getenv("ARCHBENCH_CRASH_ROUNDS");
  const int rounds = rounds_env != nullptr ? std::atoi(rounds_env) : 2;
  for (int r = 0; r < rounds; ++r) {
    SCOPED_TRACE("round " + std::to_string(r + 1));
    const auto verdict =
        kill_round(kActor, GetParam(), std::chrono::milliseconds(150 + (97 * r) % 200));
    ASSERT_TRUE(verdict);
    fault_testing::expect_kept_its_word(*verdict);
    std::cout << "[ round   ] " << GetParam() << ": " << verdict->summary() << "\n";
  }
}

// The kill test bites. The wrong journal writes each record a second after its answer went
// out; the kill comes 300 ms into the load, so every request acknowledged by then is missing
// after the restart, and the retry of each is applied anew, with another id: `lost`.
TEST(ActorJournalKillBites, AJournalWrittenAfterTheAnswerLosesAcknowledgedRequests) {
  const auto verdict = kill_round(kLateJournal, "shard:2", 300ms);
  ASSERT_TRUE(verdict);
  EXPECT_GT(verdict->acknowledged, 0U) << "nothing was acknowledged before the kill";
  EXPECT_FALSE(verdict->lost.empty())
      << "kill -9 did not expose a journal written after the answer";
  EXPECT_TRUE(verdict->refused.empty()) << "it failed for another reason: " << verdict->refused[0];
  std::cout << "[ wrong   ] " << verdict->summary()
            << (verdict->lost.empty() ? "" : "; first lost: " + verdict->lost.front()) << "\n";
}

}  // namespace
}  // namespace archbench::actor
