// Lab 02, step 3: at-least-once delivery. A network that retries delivers some steps twice;
// an account applies each step once, and answers a redelivery as it answered the first time.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

#include "lab02_books.hpp"
#include "lab02_support.hpp"
#include "lab_seed.hpp"

namespace archbench::lab02 {
namespace {

using testing::refusal_of;
using testing::World;

TEST(Lab02_Step3_Redelivery, AReservationDeliveredTwiceHoldsRoomOnce) {
  World world;
  const caf::actor account = world.open("acc-2", "EUR", 0);
  const auto first = world.ask<Verdict>(account, Reserve{"t-1", 100, "EUR"});
  const auto again = world.ask<Verdict>(account, Reserve{"t-1", 100, "EUR"});
  ASSERT_TRUE(first && again);
  EXPECT_EQ(*again, *first) << refusal_of(again->refusal);
  EXPECT_EQ(world.read(account).reserved, 100)
      << "hint: remember, per transfer key, what each step answered; a key seen before changes "
         "nothing";
}

TEST(Lab02_Step3_Redelivery, ADebitDeliveredTwiceIsAppliedOnceAndAnswersTheSameId) {
  World world;
  const caf::actor account = world.open("acc-1", "EUR", 500);
  const auto first = world.ask<DebitVerdict>(account, Debit{"t-1", 200, "EUR", "acc-2", true});
  const auto again = world.ask<DebitVerdict>(account, Debit{"t-1", 200, "EUR", "acc-2", true});
  ASSERT_TRUE(first && again);
  EXPECT_FALSE(first->refusal) << refusal_of(first->refusal);
  EXPECT_EQ(*again, *first) << "the redelivery must answer tr-1 again, not " << again->transfer_id
                            << " / " << refusal_of(again->refusal);
  const AccountView view = world.read(account);
  EXPECT_EQ(view.balance, 300);
  EXPECT_EQ(view.history.size(), 1U);
  EXPECT_EQ(world.ids().taken(), 1U) << "the redelivery took a second id";
}

// The coordinator acted on the first answer (it released the reservation and told the client
// no). If the redelivery were checked afresh, money that has arrived since would leave acc-1
// for a transfer nobody will ever credit.
TEST(Lab02_Step3_Redelivery, ARefusedDebitDeliveredAgainStaysRefused) {
  World world;
  const caf::actor account = world.open("acc-1", "EUR", 50);
  const auto first = world.ask<DebitVerdict>(account, Debit{"t-1", 80, "EUR", "acc-2", true});
  ASSERT_TRUE(world.ask<Verdict>(account, Reserve{"t-2", 100, "EUR"}));
  ASSERT_TRUE(world.ask<Committed>(account, Commit{"t-2", "tr-9", 100, "acc-3"}));
  const auto again = world.ask<DebitVerdict>(account, Debit{"t-1", 80, "EUR", "acc-2", true});
  ASSERT_TRUE(first && again);
  ASSERT_TRUE(first->refusal) << "acc-1 held 50, not 80";
  EXPECT_EQ(*again, *first) << "the redelivery answered " << refusal_of(again->refusal) << " / "
                            << again->transfer_id;
  EXPECT_EQ(world.read(account).balance, 150);
}

TEST(Lab02_Step3_Redelivery, ACommitDeliveredTwiceCreditsOnce) {
  World world;
  const caf::actor account = world.open("acc-2", "EUR", 0);
  ASSERT_TRUE(world.ask<Verdict>(account, Reserve{"t-1", 100, "EUR"}));
  ASSERT_TRUE(world.ask<Committed>(account, Commit{"t-1", "tr-1", 100, "acc-1"}));
  ASSERT_TRUE(world.ask<Committed>(account, Commit{"t-1", "tr-1", 100, "acc-1"}));
  const AccountView view = world.read(account);
  EXPECT_EQ(view.balance, 100);
  EXPECT_EQ(view.reserved, 0);
  EXPECT_EQ(view.history.size(), 1U);
}

TEST(Lab02_Step3_Redelivery, AReleaseDeliveredTwiceReleasesOnce) {
  World world;
  const caf::actor account = world.open("acc-2", "EUR", 0);
  ASSERT_TRUE(world.ask<Verdict>(account, Reserve{"t-1", 100, "EUR"}));
  ASSERT_TRUE(world.ask<Verdict>(account, Reserve{"t-2", 100, "EUR"}));
  ASSERT_TRUE(world.ask<Released>(account, Release{"t-1", 100}));
  ASSERT_TRUE(world.ask<Released>(account, Release{"t-1", 100}));
  EXPECT_EQ(world.read(account).reserved, 100) << "t-2's reservation is still held";
}

// A link that delivers every step twice and loses the first answer: what a network that
// retries on a lost reply does. The coordinator sees the answer to the redelivery.
caf::behavior duplicating_link(caf::event_based_actor* self, const caf::actor& account) {
  const auto twice = [self, account]<class Answer>(auto step, Answer /*type*/) {
    auto promise = self->make_response_promise();
    self->request(account, caf::infinite, step).then([](Answer&) {}, [](caf::error&) {});
    self->request(account, caf::infinite, std::move(step))
        .then([promise](Answer& answer) mutable { promise.deliver(std::move(answer)); },
              [promise](caf::error& error) mutable { promise.deliver(std::move(error)); });
  };
  return {
      [twice](Reserve& step) { twice(std::move(step), Verdict{}); },
      [twice](Debit& step) { twice(std::move(step), DebitVerdict{}); },
      [twice](Commit& step) { twice(std::move(step), Committed{}); },
      [twice](Release& step) { twice(std::move(step), Released{}); },
  };
}

TEST(Lab02_Step3_Redelivery, ConcurrentTransfersOverADuplicatingNetworkKeepTheBooks) {
  const labs::SeedTrace seed;
  std::mt19937_64 random(seed.value());
  World world;
  const testing::HotAccounts hot;
  std::map<std::string, caf::actor> accounts;
  for (const std::string& id : hot.ids) {
    accounts[id] = world.open(id, hot.currency.at(id), hot.opening.at(id));
    world.route(id, world.spawn_link(duplicating_link, accounts[id]));
  }
  const caf::actor coordinator = world.coordinator();
  const auto answers = world.transfer_all(coordinator, testing::random_transfers(random, hot, 300));
  testing::audit(world, hot, accounts, answers);
}

}  // namespace
}  // namespace archbench::lab02
