// Lab 02, step 2: the coordinator runs a transfer across two actors as a protocol.
#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <random>
#include <string>

#include "lab02_books.hpp"
#include "lab02_support.hpp"
#include "lab_seed.hpp"

namespace archbench::lab02 {
namespace {

using testing::refusal_of;
using testing::transfer_request;
using testing::World;

constexpr Money kMax = std::numeric_limits<Money>::max();

TEST(Lab02_Step2_Transfer, MovesTheMoneyAndBothHistoriesShowIt) {
  World world;
  const caf::actor from = world.open("acc-1", "EUR", 500);
  const caf::actor to = world.open("acc-2", "EUR", 20);
  const caf::actor coordinator = world.coordinator();
  const TransferDone done =
      world.transfer(coordinator, transfer_request("acc-1", "acc-2", 200, "t-1"));
  ASSERT_TRUE(std::holds_alternative<ledger::Transfer>(done.outcome))
      << refusal_of(done)
      << "; hint: Reserve at acc-2, then Debit at acc-1, then Commit at acc-2, each sent from the "
         "continuation (then) of the one before";
  EXPECT_EQ(std::get<ledger::Transfer>(done.outcome),
            (ledger::Transfer{
                .id = "tr-1", .from = "acc-1", .to = "acc-2", .amount = 200, .currency = "EUR"}));
  const AccountView source = world.read(from);
  const AccountView target = world.read(to);
  EXPECT_EQ(source.history, (std::vector<Line>{{"tr-1", -200, "acc-2", 300}}));
  EXPECT_EQ(target.history, (std::vector<Line>{{"tr-1", 200, "acc-1", 220}}))
      << "the answer came before the credit was committed?";
  EXPECT_EQ(target.reserved, 0);
}

TEST(Lab02_Step2_Transfer, UnknownAccountsAreRefusedFromFirst) {
  World world;
  world.open("acc-1", "EUR", 500);
  const caf::actor coordinator = world.coordinator();
  EXPECT_EQ(refusal_of(world.transfer(coordinator, transfer_request("acc-8", "acc-9", 1, "t-1"))),
            "account_not_found: account acc-8 does not exist");
  EXPECT_EQ(refusal_of(world.transfer(coordinator, transfer_request("acc-1", "acc-9", 1, "t-2"))),
            "account_not_found: account acc-9 does not exist");
  EXPECT_EQ(refusal_of(world.transfer(coordinator, transfer_request("acc-9", "acc-1", 1, "t-3"))),
            "account_not_found: account acc-9 does not exist");
}

// When both accounts have a reason to refuse, the client hears the one the contract checks
// first: from's currency, to's currency, funds, to's room.
TEST(Lab02_Step2_Transfer, RefusalsComeInTheContractsOrder) {
  struct Case {
    const char* what;
    Money from_balance;
    const char* from_currency;
    Money to_balance;
    const char* to_currency;
    const char* expected;
  };
  const Case cases[] = {
      {"both currencies wrong", 500, "USD", 0, "GBP",
       "currency_mismatch: account acc-1 holds USD, not EUR"},
      {"too little money, and to's currency wrong", 10, "EUR", 0, "GBP",
       "currency_mismatch: account acc-2 holds GBP, not EUR"},
      {"too little money, and to would overflow", 10, "EUR", kMax - 5, "EUR",
       "insufficient_funds: account acc-1 holds 10, needs 100"},
      {"to would overflow", 500, "EUR", kMax - 5, "EUR",
       "invalid_amount: account acc-2's balance would exceed 2^63-1"},
      {"too little money", 10, "EUR", 0, "EUR",
       "insufficient_funds: account acc-1 holds 10, needs 100"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    World world;
    const caf::actor from = world.open("acc-1", c.from_currency, c.from_balance);
    const caf::actor to = world.open("acc-2", c.to_currency, c.to_balance);
    const caf::actor coordinator = world.coordinator();
    EXPECT_EQ(
        refusal_of(world.transfer(coordinator, transfer_request("acc-1", "acc-2", 100, "t-1"))),
        c.expected);
    EXPECT_EQ(world.read(from).balance, c.from_balance);
    EXPECT_EQ(world.read(to).balance, c.to_balance);
  }
}

TEST(Lab02_Step2_Transfer, ARefusedDebitReleasesTheReservation) {
  World world;
  const caf::actor from = world.open("acc-1", "EUR", 10);
  const caf::actor to = world.open("acc-2", "EUR", 0);
  const caf::actor coordinator = world.coordinator();
  EXPECT_EQ(refusal_of(world.transfer(coordinator, transfer_request("acc-1", "acc-2", 100, "t-1"))),
            "insufficient_funds: account acc-1 holds 10, needs 100");
  EXPECT_EQ(world.read(to).reserved, 0)
      << "step 1 reserved room at acc-2 that nobody will ever commit: release it";
  EXPECT_TRUE(world.read(to).history.empty());
  EXPECT_TRUE(world.read(from).history.empty());
}

TEST(Lab02_Step2_Transfer, ARefusedTransferLeavesNoTraceOnEitherSide) {
  World world;
  const caf::actor from = world.open("acc-1", "EUR", 500);
  const caf::actor to = world.open("acc-2", "USD", 0);
  const caf::actor coordinator = world.coordinator();
  EXPECT_EQ(refusal_of(world.transfer(coordinator, transfer_request("acc-1", "acc-2", 100, "t-1"))),
            "currency_mismatch: account acc-2 holds USD, not EUR");
  const AccountView source = world.read(from);
  EXPECT_EQ(source.balance, 500) << "the source paid for a transfer that was refused";
  EXPECT_TRUE(source.history.empty()) << "a refused transfer must leave no line anywhere";
  EXPECT_EQ(world.ids().taken(), 0U) << "a refused transfer took an id";
}

// With a single scheduler thread, a coordinator that waits for an answer holds the only thread
// the account actors could answer on.
TEST(Lab02_Step2_Transfer, CompletesOnASingleSchedulerThread) {
  World world(1);
  const caf::actor from = world.open("acc-1", "EUR", 500);
  world.open("acc-2", "EUR", 0);
  const caf::actor coordinator = world.coordinator();
  const TransferDone done =
      world.transfer(coordinator, transfer_request("acc-1", "acc-2", 200, "t-1"));
  EXPECT_TRUE(std::holds_alternative<ledger::Transfer>(done.outcome))
      << refusal_of(done) << " (does the coordinator wait for an answer instead of continuing?)";
  EXPECT_EQ(world.read(from).balance, 300);
}

TEST(Lab02_Step2_Transfer, AnAccountWhoseActorIsGoneAnswersUnavailable) {
  World world;
  const caf::actor from = world.open("acc-1", "EUR", 500);
  world.spawn_dead_account("acc-2");
  const caf::actor coordinator = world.coordinator();
  const TransferDone done =
      world.transfer(coordinator, transfer_request("acc-1", "acc-2", 200, "t-1"));
  const auto* error = std::get_if<ledger::Error>(&done.outcome);
  ASSERT_NE(error, nullptr) << refusal_of(done);
  EXPECT_EQ(error->code, ledger::ErrorCode::unavailable) << refusal_of(done);
  EXPECT_EQ(world.read(from).balance, 500);
  // The coordinator is still there for the next transfer.
  EXPECT_EQ(refusal_of(world.transfer(coordinator, transfer_request("acc-1", "acc-8", 1, "t-2"))),
            "account_not_found: account acc-8 does not exist");
}

TEST(Lab02_Step2_Stress, ConcurrentTransfersOnHotAccountsKeepTheBooks) {
  const labs::SeedTrace seed;
  std::mt19937_64 random(seed.value());
  World world;
  const testing::HotAccounts hot;
  std::map<std::string, caf::actor> accounts;
  for (const std::string& id : hot.ids) {
    accounts[id] = world.open(id, hot.currency.at(id), hot.opening.at(id));
  }
  const caf::actor coordinator = world.coordinator();
  const auto answers = world.transfer_all(coordinator, testing::random_transfers(random, hot, 400));
  testing::audit(world, hot, accounts, answers);
}

}  // namespace
}  // namespace archbench::lab02
