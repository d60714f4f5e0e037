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
    (void)book_.deposit("a", 100);
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
  EXPECT_EQ(check(book_.reserve_credit({"x", 1, "EUR"}).refusal), 2);
  EXPECT_EQ(check(book_.debit({request("a", "b", 1, "USD"), true}).refusal), 3);
  EXPECT_EQ(check(book_.reserve_credit({"u", 1, "EUR"}).refusal), 4);
  EXPECT_EQ(check(book_.debit({request("a", "b", 101), true}).refusal), 5);
}

TEST_F(BookTest, ReserveDebitCommitMovesTheMoneyOnce) {
  ASSERT_FALSE(book_.reserve_credit({"b", 60, "EUR"}).refusal);
  const DebitVerdict debit = book_.debit({request("a", "b", 60), true});
  ASSERT_FALSE(debit.refusal);
  EXPECT_EQ(debit.transfer_id, "tr-1");
  book_.commit_credit({"b", "a", debit.transfer_id, 60, std::nullopt});
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
  ASSERT_FALSE(near_full.reserve_credit({"f", 10, "EUR"}).refusal);
  EXPECT_EQ(check(near_full.reserve_credit({"f", 1, "EUR"}).refusal), 6);
  EXPECT_TRUE(std::holds_alternative<ledger::Error>(near_full.deposit("f", 1)));
  near_full.release_credit({"f", 10});
  EXPECT_TRUE(std::holds_alternative<ledger::Deposit>(near_full.deposit("f", 1)));
}

}  // namespace
}  // namespace archbench::actor
