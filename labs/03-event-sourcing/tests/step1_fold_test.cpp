// Lab 03, step 1: the fold. Balances follow the events, first answers are remembered, and every
// event this code could never have written stops the replay without touching the state.
#include <gtest/gtest.h>

#include <limits>

#include "lab03_support.hpp"
#include "ledger_state.hpp"

namespace archbench::lab03 {
namespace {

AccountOpened opened(std::string id, std::string currency = "EUR") {
  return {.account = std::move(id), .owner = "owner", .currency = std::move(currency)};
}
FundsDeposited deposited(std::string account, Money amount, std::string request_id,
                         std::string id = "dep-1") {
  return {.deposit = std::move(id),
          .account = std::move(account),
          .amount = amount,
          .request_id = std::move(request_id)};
}
TransferCompleted transferred(std::string from, std::string to, Money amount,
                              std::string request_id, std::string currency = "EUR") {
  return {.transfer = "tr-" + request_id,
          .from = std::move(from),
          .to = std::move(to),
          .amount = amount,
          .currency = std::move(currency),
          .request_id = std::move(request_id),
          .memo = std::nullopt};
}

class Lab03_Step1_Fold : public ::testing::Test {
 protected:
  void SetUp() override {
    state.apply(opened("a"));
    state.apply(opened("b"));
    state.apply(opened("u", "USD"));
    state.apply(deposited("a", 500, "d1"));
  }
  // The state, seen from outside, for "nothing changed" checks.
  std::string snapshot() const {
    std::string out;
    for (const char* id : {"a", "b", "u", "x"}) {
      const auto* account = state.account(id);
      out += account == nullptr ? "-" : account->currency + std::to_string(account->balance);
      out += ";";
    }
    return out + std::to_string(state.accounts_opened()) + "/" +
           std::to_string(state.deposits_made()) + "/" + std::to_string(state.transfers_made());
  }
  LedgerState state;
};

TEST_F(Lab03_Step1_Fold, OpenedAccountsStartAtZeroInTheirCurrency) {
  ASSERT_NE(state.account("b"), nullptr);
  EXPECT_EQ(testing::balance(state, "b"), 0);
  ASSERT_NE(state.account("u"), nullptr);
  EXPECT_EQ(state.account("u")->currency, "USD");
  EXPECT_EQ(state.account("nobody"), nullptr);
  EXPECT_EQ(state.accounts_opened(), 3U);
}

TEST_F(Lab03_Step1_Fold, DepositsAndTransfersMoveTheBalances) {
  state.apply(transferred("a", "b", 200, "t1"));
  state.apply(deposited("b", 5, "d2", "dep-2"));
  EXPECT_EQ(testing::balance(state, "a"), 300);
  EXPECT_EQ(testing::balance(state, "b"), 205);
  EXPECT_EQ(state.deposits_made(), 2U);
  EXPECT_EQ(state.transfers_made(), 1U);
}

TEST_F(Lab03_Step1_Fold, ADepositRemembersTheBalanceRightAfterIt) {
  state.apply(deposited("a", 7, "d2", "dep-2"));
  ASSERT_NE(state.deposit("d1"), nullptr);
  EXPECT_EQ(state.deposit("d1")->balance_after, 500) << "the first answer, not today's balance";
  EXPECT_EQ(state.deposit("d1")->deposit, "dep-1");
  ASSERT_NE(state.deposit("d2"), nullptr);
  EXPECT_EQ(state.deposit("d2")->balance_after, 507);
}

TEST_F(Lab03_Step1_Fold, ATransferIsRememberedByItsRequestId) {
  const auto event = transferred("a", "b", 200, "t1");
  state.apply(event);
  ASSERT_NE(state.transfer("t1"), nullptr);
  EXPECT_EQ(*state.transfer("t1"), event);
  EXPECT_EQ(state.transfer("d1"), nullptr) << "deposits and transfers have separate request_ids";
}

TEST_F(Lab03_Step1_Fold, AnEventNamingAnUnknownAccountIsAFoldError) {
  const auto before = snapshot();
  EXPECT_THROW(state.apply(deposited("x", 1, "d9")), FoldError);
  EXPECT_THROW(state.apply(transferred("a", "x", 1, "t9")), FoldError);
  EXPECT_THROW(state.apply(transferred("x", "a", 1, "t9")), FoldError);
  EXPECT_EQ(snapshot(), before);
}

TEST_F(Lab03_Step1_Fold, AnEventThatOverdrawsIsAFoldErrorAndChangesNothing) {
  const auto before = snapshot();
  EXPECT_THROW(state.apply(transferred("a", "b", 501, "t1")), FoldError);
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(state.transfer("t1"), nullptr);
}

TEST_F(Lab03_Step1_Fold, AMixedCurrencyTransferIsAFoldError) {
  const auto before = snapshot();
  EXPECT_THROW(state.apply(transferred("a", "u", 1, "t1")), FoldError);
  EXPECT_THROW(state.apply(transferred("a", "b", 1, "t1", "USD")), FoldError);
  EXPECT_EQ(snapshot(), before);
}

TEST_F(Lab03_Step1_Fold, AnAccountOpenedTwiceOrARequestIdReusedIsAFoldError) {
  const auto before = snapshot();
  EXPECT_THROW(state.apply(opened("a")), FoldError);
  EXPECT_THROW(state.apply(deposited("b", 1, "d1", "dep-2")), FoldError);
  EXPECT_EQ(snapshot(), before);
  state.apply(transferred("a", "b", 1, "t1"));
  EXPECT_THROW(state.apply(transferred("a", "b", 1, "t1")), FoldError);
  EXPECT_EQ(testing::balance(state, "a"), 499);
}

TEST_F(Lab03_Step1_Fold, ABalancePastTheLimitIsAFoldError) {
  constexpr Money kMax = std::numeric_limits<Money>::max();
  state.apply(deposited("b", kMax, "big", "dep-2"));
  const auto before = snapshot();
  EXPECT_THROW(state.apply(transferred("a", "b", 1, "t1")), FoldError);
  EXPECT_THROW(state.apply(deposited("b", 1, "d3", "dep-3")), FoldError);
  EXPECT_EQ(snapshot(), before);
}

}  // namespace
}  // namespace archbench::lab03
