// A run is judged, not just timed: against a correct fake ledger it passes; when the ledger
// creates money, or answers 500, the run is marked failed with the reason.
#include <gtest/gtest.h>

#include <sstream>

#include "loadgen/benchmark_run.hpp"
#include "loadgen/fake_ledger.hpp"

namespace archbench::loadgen {
namespace {

Settings small_run(std::uint16_t port) {
  Settings s;
  s.port = port;
  s.quiet = true;
  s.backend_name = "fake";
  Workload& w = s.workload;
  w.name = "invariant-test";
  w.accounts = 50;
  w.initial_balance = 20'000;
  w.mix = {1, 1, 3, 0, 0, 0};  // get_account, deposit, transfer
  w.connections = 4;
  w.warmup_s = 0.1;
  w.duration_s = 0.5;
  return s;
}

TEST(Invariant, HoldsAgainstACorrectLedger) {
  const testing::FakeLedger ledger;
  std::ostringstream log;
  const RunReport report = execute(small_run(ledger.port()), log);
  EXPECT_FALSE(report.failed) << (report.failures.empty() ? "" : report.failures[0]);
  ASSERT_TRUE(report.invariant.checked);
  EXPECT_TRUE(report.invariant.ok) << report.invariant.message;
  EXPECT_EQ(report.invariant.accounts, 50);
  EXPECT_GT(report.invariant.deposits_total, 0);
  EXPECT_EQ(report.invariant.actual_total,
            std::int64_t{50} * 20'000 + report.invariant.deposits_total);
  ASSERT_TRUE(report.load);
  EXPECT_GT(report.load->stats.completed_in_window, 0);
}

TEST(Invariant, FailsWhenTheLedgerCreatesMoney) {
  const testing::FakeLedger ledger({.transfers_create_money = true});
  std::ostringstream log;
  const RunReport report = execute(small_run(ledger.port()), log);
  EXPECT_TRUE(report.failed);
  EXPECT_FALSE(report.invariant.ok);
  EXPECT_GT(report.invariant.actual_total, report.invariant.expected_total);
  ASSERT_FALSE(report.failures.empty());
  EXPECT_NE(report.failures.back().find("ledger invariant broken"), std::string::npos);
}

TEST(Invariant, UnexpectedStatusFailsTheRun) {
  const testing::FakeLedger ledger({.deposit_500_every = 7});
  std::ostringstream log;
  const RunReport report = execute(small_run(ledger.port()), log);
  EXPECT_TRUE(report.failed);
  EXPECT_GT(report.unexpected_total(), 0);
  EXPECT_TRUE(report.invariant.ok) << "a 500 deposit changed nothing: the sum still adds up";
  ASSERT_FALSE(report.failures.empty());
  EXPECT_NE(report.failures[0].find("deposit 500"), std::string::npos) << report.failures[0];
}

TEST(Invariant, RefusesTargetsOffThisMachine) {
  Settings s = small_run(80);
  s.host = "10.0.0.1";
  std::ostringstream log;
  EXPECT_THROW(execute(s, log), std::runtime_error);
  s.host = "example.com";
  EXPECT_THROW(execute(s, log), std::runtime_error);
}

}  // namespace
}  // namespace archbench::loadgen
