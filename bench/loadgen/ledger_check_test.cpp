// The ledger check proves the server did the work: after the run every balance is held to what
// the acknowledged answers imply. Each lying fake below keeps the ledger's total right or
// answers every request as the contract says, and must still fail the run; the honest fake, and
// one whose lost requests were really applied, must pass.
#include <gtest/gtest.h>

#include <sstream>

#include "loadgen/benchmark_run.hpp"
#include "loadgen/fake_ledger.hpp"

namespace archbench::loadgen {
namespace {

using testing::FakeLedger;
using testing::FakeLedgerFaults;

// get_account, deposit, transfer, list_transactions, transfer_batch, health
RunReport run_against(const FakeLedgerFaults& faults,
                      std::array<double, kEndpointCount> mix = {1, 1, 2, 0, 1, 0},
                      std::int64_t accounts = 30) {
  const FakeLedger ledger(faults);
  Settings s;
  s.port = ledger.port();
  s.quiet = true;
  s.timeout_ms = 1000;
  Workload& w = s.workload;
  w.name = "ledger-check-test";
  w.accounts = accounts;
  w.initial_balance = 50'000;
  w.mix = mix;
  w.batch_size = 5;
  w.connections = 3;
  w.warmup_s = 0.1;
  w.duration_s = 0.4;
  std::ostringstream log;
  return execute(s, log);
}

std::string why(const RunReport& r) {
  return r.invariant.message + (r.failures.empty() ? "" : " | " + r.failures.front());
}

TEST(LedgerCheck, AnHonestLedgerPasses) {
  const RunReport r = run_against({});
  EXPECT_FALSE(r.failed) << why(r);
  EXPECT_TRUE(r.invariant.ok) << why(r);
  EXPECT_EQ(r.invariant.accounts_outside_range, 0);
  EXPECT_GT(r.invariant.acknowledged_operations, 100);
  EXPECT_EQ(r.invariant.unknown_outcome_requests, 0);
  EXPECT_EQ(r.invariant.unknown_outcome_accounts, 0);
  EXPECT_NE(r.invariant.message.find("balances match"), std::string::npos) << why(r);
}

// A lie the sum of the balances cannot see: only the per-account check catches it.
void expect_caught_account_by_account(const RunReport& r) {
  EXPECT_TRUE(r.failed);
  EXPECT_FALSE(r.invariant.ok);
  EXPECT_GT(r.invariant.accounts_outside_range, 0) << why(r);
  ASSERT_FALSE(r.invariant.mismatches.empty());
  const BalanceMismatch& m = r.invariant.mismatches.front();
  EXPECT_TRUE(m.balance < m.lowest || m.balance > m.highest);
  EXPECT_NE(r.invariant.message.find("disagree with the acknowledged answers"), std::string::npos)
      << why(r);
  EXPECT_EQ(r.unexpected_total(), 0) << "every answer looked right: only the ledger tells";
}

TEST(LedgerCheck, TransfersAnsweredButNotAppliedFail) {
  const RunReport r = run_against({.transfers_do_nothing = true}, {1, 0, 3, 0, 0, 0});
  expect_caught_account_by_account(r);
  EXPECT_EQ(r.invariant.actual_total, r.invariant.expected_total) << "the sum is still right";
}

TEST(LedgerCheck, TransfersCreditingTheWrongAccountFail) {
  const RunReport r = run_against({.credit_wrong_account = true}, {1, 0, 3, 0, 0, 0});
  expect_caught_account_by_account(r);
  EXPECT_EQ(r.invariant.actual_total, r.invariant.expected_total) << "the sum is still right";
}

TEST(LedgerCheck, ABatchEndpointThatAppliesNothingFails) {
  const RunReport r = run_against({.batch_applies_nothing = true}, {1, 0, 0, 0, 1, 0});
  expect_caught_account_by_account(r);
  EXPECT_EQ(r.invariant.actual_total, r.invariant.expected_total) << "the sum is still right";
}

TEST(LedgerCheck, DepositsAnsweredButNotAppliedFail) {
  const RunReport r = run_against({.deposits_do_nothing = true}, {1, 1, 0, 0, 0, 0});
  expect_caught_account_by_account(r);
  EXPECT_LT(r.invariant.actual_total, r.invariant.expected_total);
}

TEST(LedgerCheck, LostRequestsWidenOnlyTheirAccountsRanges) {
  // Every 20th deposit is applied and then its connection dropped: the load generator cannot
  // know it happened, and must allow it, for that account only, saying how many there were.
  const RunReport honest = run_against({.drop_deposit_every = 20}, {1, 2, 2, 0, 0, 0}, 500);
  EXPECT_TRUE(honest.invariant.ok) << why(honest);
  EXPECT_FALSE(honest.failed) << why(honest);
  ASSERT_TRUE(honest.load);
  EXPECT_GT(honest.invariant.unknown_outcome_requests, 0);
  EXPECT_EQ(honest.invariant.unknown_outcome_requests, honest.load->stats.errors_total.reset);
  EXPECT_GT(honest.invariant.deposits_in_doubt, 0);
  EXPECT_GT(honest.invariant.unknown_outcome_accounts, 0);
  EXPECT_LT(honest.invariant.unknown_outcome_accounts, honest.invariant.accounts);
  EXPECT_FALSE(honest.invariant.unknown_outcome_account_ids.empty());
  EXPECT_NE(honest.invariant.message.find("unknown outcome"), std::string::npos);

  // The same, but the lost deposit lands on another account: the doubt does not cover that.
  const RunReport liar =
      run_against({.drop_deposit_every = 20, .misapply_dropped = true}, {1, 2, 2, 0, 0, 0}, 500);
  EXPECT_TRUE(liar.failed);
  EXPECT_FALSE(liar.invariant.ok);
  EXPECT_GT(liar.invariant.accounts_outside_range, 0) << why(liar);
  EXPECT_GT(liar.invariant.unknown_outcome_requests, 0);
}

TEST(LedgerCheck, ExpectationsSumWithoutOverflow) {
  // 10^7 deposits of 10^12 (the largest amount a workload allows) into one account: 10^19,
  // beyond 2^63.
  LedgerExpectation expected(2);
  constexpr std::int64_t kAmount = 1'000'000'000'000;
  for (int i = 0; i < 10'000'000; ++i) {
    expected.deposited(0, kAmount);
  }
  expected.maybe_transferred({.from = 0, .to = 1, .amount = kAmount});
  const Money total = Money{kAmount} * 10'000'000;
  EXPECT_TRUE(expected.deposits_total() == total);
  EXPECT_TRUE(expected.highest(0, kAmount) == total + kAmount);
  EXPECT_TRUE(expected.lowest(0, kAmount) == total);
  EXPECT_TRUE(expected.lowest(1, 0) == 0);
  EXPECT_TRUE(expected.highest(1, 0) == kAmount);
  EXPECT_TRUE(expected.widened(0));
  EXPECT_TRUE(expected.widened(1));
}

}  // namespace
}  // namespace archbench::loadgen
