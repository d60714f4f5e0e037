// One account actor's state (Book) through the three steps of a transfer, without actors:
// which check refuses with which position in the contract's order, and that a reserved credit
// keeps its room until it is committed or released.
#include "actor/actors/book.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace archbench::actor {
namespace {

class BookTest : public ::testing::Test {
 protected:
  BookTest() : book_(&ids_) {
    book_.open({.id = "a", .owner = "Ada", .currency = "EUR", .balance = 0});
    book_.open({.id = "b", .owner = "Bob", .currency = "EUR", .balance = 0});
    book_.open({.id = "u", .owner = "Uma", .currency = "USD", .balance = 0});
    (void)book_.deposit({"a", 100, "d-0"});
  }
  static ledger::TransferRequest request(std::string from, std::string to, ledger::Money amount,
                                         std::string currency = "EUR") {
    return {.from = std::move(from),
            .to = std::move(to),
            .amount = amount,
            .currency = std::move(currency),
            .request_id = "r",
            .memo = std::nullopt};
  }
  static int check(const std::optional<Refusal>& refusal) { return refusal ? refusal->check : 0; }

  Sequences ids_;
  Book book_;
};

TEST_F(BookTest, EachStepRefusesWithItsPlaceInTheContractsOrder) {
  EXPECT_EQ(check(book_.debit({request("x", "b", 1), true}).refusal), 1);
  EXPECT_EQ(check(book_.reserve_credit({"x", 1, "EUR", "r"}).refusal), 2);
  EXPECT_EQ(check(book_.debit({request("a", "b", 1, "USD"), true}).refusal), 3);
  EXPECT_EQ(check(book_.reserve_credit({"u", 1, "EUR", "r"}).refusal), 4);
  EXPECT_EQ(check(book_.debit({request("a", "b", 101), true}).refusal), 5);
}

TEST_F(BookTest, ReserveDebitCommitMovesTheMoneyOnce) {
  ASSERT_FALSE(book_.reserve_credit({"b", 60, "EUR", "r"}).refusal);
  const DebitVerdict debit = book_.debit({request("a", "b", 60), true});
  ASSERT_FALSE(debit.refusal);
  EXPECT_EQ(debit.transfer_id, "tr-1");
  book_.commit_credit({"b", "a", debit.transfer_id, 60, std::nullopt, "r"});
  std::string out;
  ASSERT_TRUE(book_.write_account("a", out));
  EXPECT_NE(out.find("\"balance\":40"), std::string::npos) << out;
  out.clear();
  ASSERT_TRUE(book_.write_account("b", out));
  EXPECT_NE(out.find("\"balance\":60"), std::string::npos) << out;
}

TEST_F(BookTest, ACheckOnlyDebitChangesNothing) {
  EXPECT_FALSE(book_.debit({request("a", "b", 60), false}).refusal);
  EXPECT_FALSE(book_.debit({request("a", "b", 100), false}).refusal);
  std::string out;
  ASSERT_TRUE(book_.write_transactions("a", 20, out));
  EXPECT_EQ(out.find("transfer_out"), std::string::npos) << out;
  EXPECT_EQ(ids_.transfer.load(), 1U);  // no number taken
}

TEST_F(BookTest, AReservedCreditKeepsItsRoomUntilReleased) {
  constexpr ledger::Money kMax = std::numeric_limits<ledger::Money>::max();
  Book near_full(&ids_);
  near_full.open({.id = "f", .owner = "F", .currency = "EUR", .balance = kMax - 10});
  ASSERT_FALSE(near_full.reserve_credit({"f", 10, "EUR", "r1"}).refusal);
  EXPECT_EQ(check(near_full.reserve_credit({"f", 1, "EUR", "r2"}).refusal), 6);
  EXPECT_TRUE(std::holds_alternative<ledger::Error>(near_full.deposit({"f", 1, "d-1"})));
  near_full.release_credit({"f", 10, "r1"});
  EXPECT_TRUE(std::holds_alternative<ledger::Deposit>(near_full.deposit({"f", 1, "d-2"})));
}

// A coordinator or registry whose step hit a crashed actor sends it again: a step already
// applied answers as it did and changes nothing (no second debit, no second credit).
TEST_F(BookTest, EveryStepAskedTwiceTakesEffectOnce) {
  const ApplyDeposit deposit{"b", 7, "d-again"};
  const auto first = std::get<ledger::Deposit>(book_.deposit(deposit));
  EXPECT_EQ(std::get<ledger::Deposit>(book_.deposit(deposit)).id, first.id);
  const ReserveCredit reserve{"b", 60, "EUR", "r"};
  ASSERT_FALSE(book_.reserve_credit(reserve).refusal);
  ASSERT_FALSE(book_.reserve_credit(reserve).refusal);
  const Debit debit{request("a", "b", 60), true};
  const std::string id = book_.debit(debit).transfer_id;
  EXPECT_EQ(book_.debit(debit).transfer_id, id);
  const CommitCredit commit{"b", "a", id, 60, std::nullopt, "r"};
  book_.commit_credit(commit);
  book_.commit_credit(commit);
  std::string out;
  ASSERT_TRUE(book_.write_account("a", out));
  EXPECT_NE(out.find("\"balance\":40"), std::string::npos) << out;
  out.clear();
  ASSERT_TRUE(book_.write_account("b", out));
  EXPECT_NE(out.find("\"balance\":67"), std::string::npos) << out;
  EXPECT_EQ(ids_.transfer.load(), 2U);  // one number taken
}

// What a restarted actor does: an empty Book, the journal's events applied, the same state
// (and the same memory of applied steps).
TEST(BookJournal, ReplayingTheJournalRebuildsTheBook) {
  Sequences ids;
  Journal journal;
  Book book(&ids, &journal);
  book.open({.id = "a", .owner = "Ada", .currency = "EUR", .balance = 0});
  book.open({.id = "b", .owner = "Bob", .currency = "EUR", .balance = 0});
  (void)book.deposit({"a", 100, "d"});
  ASSERT_FALSE(book.reserve_credit({"b", 30, "EUR", "t"}).refusal);
  const ledger::TransferRequest request{
      .from = "a", .to = "b", .amount = 30, .currency = "EUR", .request_id = "t", .memo = "rent"};
  const std::string id = book.debit({request, true}).transfer_id;
  ASSERT_FALSE(book.reserve_credit({"b", 5, "EUR", "pending"}).refusal);

  Book restarted(&ids, &journal);
  for (const Event& event : journal.events()) restarted.apply(event);
  for (const char* account : {"a", "b"}) {
    std::string before;
    std::string after;
    ASSERT_TRUE(book.write_transactions(account, 20, before));
    ASSERT_TRUE(restarted.write_transactions(account, 20, after));
    EXPECT_EQ(after, before);
  }
  EXPECT_EQ(restarted.debit({request, true}).transfer_id, id);  // the debit is remembered
  restarted.commit_credit({"b", "a", id, 30, "rent", "t"});     // the reservation too
  std::string out;
  ASSERT_TRUE(restarted.write_account("b", out));
  EXPECT_NE(out.find("\"balance\":30"), std::string::npos) << out;
}

}  // namespace
}  // namespace archbench::actor
