// Lab 03, step 3: the statements projection. Totals that follow the events, redeliveries that
// change nothing, gaps that are refused, and readers that wait for their own write, boundedly.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "statement.hpp"

namespace archbench::lab03 {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

EventBatch opened(std::initializer_list<const char*> ids) {
  EventBatch batch;
  for (const char* id : ids)
    batch.push_back(AccountOpened{.account = id, .owner = "o", .currency = "EUR"});
  return batch;
}
TransferCompleted transfer(const char* from, const char* to, Money amount, const char* id) {
  return {.transfer = id,
          .from = from,
          .to = to,
          .amount = amount,
          .currency = "EUR",
          .request_id = id,
          .memo = std::nullopt};
}
FundsDeposited deposit(const char* account, Money amount, const char* id) {
  return {.deposit = id, .account = account, .amount = amount, .request_id = id};
}

class Lab03_Step3_Statements : public ::testing::Test {
 protected:
  void SetUp() override {
    statements.apply(opened({"a", "b", "c"}), 1);
    statements.apply({deposit("a", 1000, "d1")}, 2);
    statements.apply({transfer("a", "b", 100, "t1"), transfer("a", "c", 50, "t2")}, 3);
    statements.apply({transfer("b", "a", 30, "t3"), transfer("a", "b", 20, "t4")}, 4);
  }
  Statements statements;
};

TEST_F(Lab03_Step3_Statements, TotalsFollowTheEvents) {
  const auto a = statements.statement("a");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a.value(), (Statement{.money_in = 1030,
                                  .money_out = 170,
                                  .deposits = 1,
                                  .transfers_in = 1,
                                  .transfers_out = 3,
                                  .counterparties = 2}));
  EXPECT_EQ(statements.statement("b").value(), (Statement{.money_in = 120,
                                                          .money_out = 30,
                                                          .deposits = 0,
                                                          .transfers_in = 2,
                                                          .transfers_out = 1,
                                                          .counterparties = 1}));
  EXPECT_EQ(statements.statement("c").value(), (Statement{.money_in = 50,
                                                          .money_out = 0,
                                                          .deposits = 0,
                                                          .transfers_in = 1,
                                                          .transfers_out = 0,
                                                          .counterparties = 1}));
  EXPECT_FALSE(statements.statement("nobody").has_value());
  EXPECT_EQ(statements.position(), 4U);
}

TEST_F(Lab03_Step3_Statements, ARedeliveredRecordChangesNothing) {
  const auto before = statements.statement("a").value();
  statements.apply({transfer("a", "b", 20, "t4")}, 4);  // the consumer delivered 4 again
  statements.apply({deposit("a", 1000, "d1")}, 2);
  EXPECT_EQ(statements.statement("a").value(), before);
  EXPECT_EQ(statements.position(), 4U);
}

TEST_F(Lab03_Step3_Statements, AGapIsRefusedAndChangesNothing) {
  const auto before = statements.statement("a").value();
  EXPECT_THROW(statements.apply({deposit("a", 5, "d9")}, 6), GapError);
  EXPECT_EQ(statements.statement("a").value(), before);
  EXPECT_EQ(statements.position(), 4U);
  statements.apply({deposit("a", 5, "d5")}, 5);  // the missing record, then it goes on
  EXPECT_EQ(statements.position(), 5U);
}

TEST_F(Lab03_Step3_Statements, AReaderOfAnAppliedPositionDoesNotWait) {
  const auto start = Clock::now();
  EXPECT_TRUE(statements.wait_until(3, 2000ms));
  EXPECT_TRUE(statements.wait_until(4, 2000ms));
  EXPECT_LT(Clock::now() - start, 500ms);
}

TEST_F(Lab03_Step3_Statements, AReaderIsWokenWhenItsPositionArrives) {
  std::thread consumer([&] {
    std::this_thread::sleep_for(50ms);
    statements.apply({deposit("c", 1, "d5")}, 5);
  });
  const auto start = Clock::now();
  const bool reached = statements.wait_until(5, 5000ms);
  const auto waited = Clock::now() - start;
  const auto c = statements.statement("c");  // read before the consumer is joined
  consumer.join();
  EXPECT_TRUE(reached);
  EXPECT_LT(waited, 2000ms) << "woken only by the timeout";
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c.value().money_in, 51) << "woke before the record was applied";
}

TEST_F(Lab03_Step3_Statements, AReaderWaitsNoLongerThanItsTimeout) {
  const auto start = Clock::now();
  EXPECT_FALSE(statements.wait_until(99, 100ms));
  const auto waited = Clock::now() - start;
  EXPECT_GE(waited, 90ms) << "gave up before the timeout";
  EXPECT_LT(waited, 2000ms);
}

TEST_F(Lab03_Step3_Statements, ReadersRunWhileTheConsumerApplies) {
  std::atomic<bool> stop{false};
  std::thread reader([&] {
    while (!stop) {
      const auto a = statements.statement("a");
      ASSERT_TRUE(a.has_value());
      ASSERT_GE(a.value().money_in, 1030);
    }
  });
  for (Position p = 5; p < 2005; ++p) statements.apply({deposit("a", 1, "d")}, p);
  stop = true;
  reader.join();
  EXPECT_EQ(statements.statement("a").value().money_in, 1030 + 2000);
  EXPECT_EQ(statements.statement("a").value().deposits, 2001U);
}

}  // namespace
}  // namespace archbench::lab03
