// Lab 02, step 1: the account actor answers each step of a transfer, on its own state.
#include <gtest/gtest.h>

#include <limits>

#include "lab02_support.hpp"

namespace archbench::lab02 {
namespace {

using testing::refusal_of;
using testing::World;

constexpr Money kMax = std::numeric_limits<Money>::max();

TEST(Lab02_Step1_Account, AReservationHoldsRoomButChangesNoBalance) {
  World world;
  const caf::actor account = world.open("acc-1", "EUR", 500);
  const auto verdict = world.ask<Verdict>(account, Reserve{"t-1", 200, "EUR"});
  ASSERT_TRUE(verdict);
  EXPECT_FALSE(verdict->refusal)
      << refusal_of(verdict->refusal)
      << "; hint: same currency, room to spare: answer Verdict{} and count the credit as reserved";
  const AccountView view = world.read(account);
  EXPECT_EQ(view.balance, 500) << "a reservation is not money yet: nobody may see it";
  EXPECT_EQ(view.reserved, 200);
  EXPECT_TRUE(view.history.empty());
}

TEST(Lab02_Step1_Account, AReservationInAnotherCurrencyIsRefused) {
  World world;
  const caf::actor account = world.open("acc-2", "USD", 0);
  const auto verdict = world.ask<Verdict>(account, Reserve{"t-1", 200, "EUR"});
  ASSERT_TRUE(verdict);
  ASSERT_TRUE(verdict->refusal) << "acc-2 holds USD: it cannot take EUR";
  EXPECT_EQ(verdict->refusal->check, Check::to_currency);
  EXPECT_EQ(verdict->refusal->error, (ledger::Error{ledger::ErrorCode::currency_mismatch,
                                                    "account acc-2 holds USD, not EUR"}));
  EXPECT_EQ(world.read(account).reserved, 0);
}

TEST(Lab02_Step1_Account, AReservationKeepsItsRoomAgainstTheNext) {
  World world;
  const caf::actor account = world.open("acc-1", "EUR", kMax - 100);
  const auto first = world.ask<Verdict>(account, Reserve{"t-1", 60, "EUR"});
  ASSERT_TRUE(first);
  EXPECT_FALSE(first->refusal) << refusal_of(first->refusal);
  // 60 more would fit the balance alone, not with the first reservation.
  const auto second = world.ask<Verdict>(account, Reserve{"t-2", 60, "EUR"});
  ASSERT_TRUE(second);
  ASSERT_TRUE(second->refusal)
      << "two reservations of 60 on room for 100: if both commit, the balance overflows";
  EXPECT_EQ(second->refusal->check, Check::to_room);
  EXPECT_EQ(second->refusal->error, (ledger::Error{ledger::ErrorCode::invalid_amount,
                                                   "account acc-1's balance would exceed 2^63-1"}));
  const auto third = world.ask<Verdict>(account, Reserve{"t-3", 40, "EUR"});
  ASSERT_TRUE(third);
  EXPECT_FALSE(third->refusal) << "exactly up to 2^63-1 is allowed: " << refusal_of(third->refusal);
  EXPECT_EQ(world.read(account).reserved, 100);
}

TEST(Lab02_Step1_Account, ADebitTakesTheMoneyAnIdAndALine) {
  World world;
  const caf::actor account = world.open("acc-1", "EUR", 500);
  const auto verdict = world.ask<DebitVerdict>(account, Debit{"t-1", 200, "EUR", "acc-2", true});
  ASSERT_TRUE(verdict);
  EXPECT_FALSE(verdict->refusal) << refusal_of(verdict->refusal);
  EXPECT_EQ(verdict->transfer_id, "tr-1");
  const AccountView view = world.read(account);
  EXPECT_EQ(view.balance, 300);
  EXPECT_EQ(view.history, (std::vector<Line>{{"tr-1", -200, "acc-2", 300}}));
  EXPECT_EQ(world.ids().taken(), 1U);
}

TEST(Lab02_Step1_Account, ADebitChecksCurrencyThenFunds) {
  World world;
  const caf::actor account = world.open("acc-1", "EUR", 50);
  const auto currency = world.ask<DebitVerdict>(account, Debit{"t-1", 80, "USD", "acc-2", true});
  ASSERT_TRUE(currency);
  ASSERT_TRUE(currency->refusal) << "acc-1 holds EUR";
  EXPECT_EQ(currency->refusal->check, Check::from_currency)
      << "wrong currency and too little money: the currency comes first";
  EXPECT_EQ(currency->refusal->error, (ledger::Error{ledger::ErrorCode::currency_mismatch,
                                                     "account acc-1 holds EUR, not USD"}));
  const auto funds = world.ask<DebitVerdict>(account, Debit{"t-2", 80, "EUR", "acc-2", true});
  ASSERT_TRUE(funds);
  ASSERT_TRUE(funds->refusal) << "acc-1 holds 50, not 80";
  EXPECT_EQ(funds->refusal->check, Check::funds);
  EXPECT_EQ(funds->refusal->error, (ledger::Error{ledger::ErrorCode::insufficient_funds,
                                                  "account acc-1 holds 50, needs 80"}));
  EXPECT_TRUE(funds->transfer_id.empty()) << "only a debit that is applied takes an id";
  EXPECT_EQ(world.read(account).balance, 50);
  EXPECT_EQ(world.ids().taken(), 0U);
}

TEST(Lab02_Step1_Account, ReservedCreditsAreNotFunds) {
  World world;
  const caf::actor account = world.open("acc-1", "EUR", 50);
  ASSERT_TRUE(world.ask<Verdict>(account, Reserve{"t-1", 100, "EUR"}));
  const auto verdict = world.ask<DebitVerdict>(account, Debit{"t-2", 80, "EUR", "acc-2", true});
  ASSERT_TRUE(verdict);
  ASSERT_TRUE(verdict->refusal) << "the 100 reserved may still be released: it is not money";
  EXPECT_EQ(verdict->refusal->check, Check::funds);
}

TEST(Lab02_Step1_Account, ACheckOnlyDebitChangesNothingAndTakesNoId) {
  World world;
  const caf::actor account = world.open("acc-1", "EUR", 500);
  const auto check = world.ask<DebitVerdict>(account, Debit{"t-1", 200, "EUR", "acc-2", false});
  ASSERT_TRUE(check);
  EXPECT_FALSE(check->refusal) << refusal_of(check->refusal);
  EXPECT_TRUE(check->transfer_id.empty());
  EXPECT_EQ(world.read(account).balance, 500);
  EXPECT_EQ(world.ids().taken(), 0U) << "only transfers that happen take a number";
  const auto refused = world.ask<DebitVerdict>(account, Debit{"t-2", 900, "EUR", "acc-2", false});
  ASSERT_TRUE(refused);
  ASSERT_TRUE(refused->refusal) << "a check-only debit still checks";
  EXPECT_EQ(refused->refusal->check, Check::funds);
}

TEST(Lab02_Step1_Account, ACommitTurnsTheReservationIntoBalance) {
  World world;
  const caf::actor account = world.open("acc-2", "EUR", 10);
  ASSERT_TRUE(world.ask<Verdict>(account, Reserve{"t-1", 200, "EUR"}));
  ASSERT_TRUE(world.ask<Committed>(account, Commit{"t-1", "tr-7", 200, "acc-1"}));
  const AccountView view = world.read(account);
  EXPECT_EQ(view.balance, 210);
  EXPECT_EQ(view.reserved, 0);
  EXPECT_EQ(view.history, (std::vector<Line>{{"tr-7", 200, "acc-1", 210}}));
}

TEST(Lab02_Step1_Account, AReleaseDropsTheReservationAndLeavesNoTrace) {
  World world;
  const caf::actor account = world.open("acc-2", "EUR", 10);
  ASSERT_TRUE(world.ask<Verdict>(account, Reserve{"t-1", 200, "EUR"}));
  ASSERT_TRUE(world.ask<Verdict>(account, Reserve{"t-2", 50, "EUR"}));
  ASSERT_TRUE(world.ask<Released>(account, Release{"t-1", 200}));
  const AccountView view = world.read(account);
  EXPECT_EQ(view.balance, 10);
  EXPECT_EQ(view.reserved, 50);
  EXPECT_TRUE(view.history.empty());
}

}  // namespace
}  // namespace archbench::lab02
