// The command handlers against a state folded by hand: the contract's check order, idempotent
// repeats carrying the first answer's position, and ids that only successes take.
#include "event-driven/write/commands.hpp"

#include <gtest/gtest.h>

namespace archbench::event_driven {
namespace {

using ledger::ErrorCode;

class Commands : public ::testing::Test {
 protected:
  void SetUp() override {
    state.apply(AccountOpened{.account = "acc-1", .owner = "ada", .currency = "EUR"}, 1);
    state.apply(AccountOpened{.account = "acc-2", .owner = "bob", .currency = "EUR"}, 2);
    state.apply(AccountOpened{.account = "acc-3", .owner = "cy", .currency = "USD"}, 3);
    state.apply(
        FundsDeposited{.deposit = "dep-1", .account = "acc-1", .amount = 500, .request_id = "d1"},
        4);
  }
  static ledger::TransferRequest request(std::string from, std::string to, ledger::Money amount,
                                         std::string currency = "EUR",
                                         std::string request_id = "t1") {
    return {.from = std::move(from),
            .to = std::move(to),
            .amount = amount,
            .currency = std::move(currency),
            .request_id = std::move(request_id),
            .memo = std::nullopt};
  }
  template <class D>
  static ErrorCode code(const D& decision) {
    const auto* error = std::get_if<ledger::Error>(&decision);
    EXPECT_NE(error, nullptr) << "expected a refusal";
    return error == nullptr ? ErrorCode::internal_error : error->code;
  }
  LedgerState state;
};

TEST_F(Commands, TransferChecksRunInTheContractsOrder) {
  // Each request breaks every rule from some point on; the first broken one answers.
  EXPECT_EQ(code(transfer(state, request("acc-1", "acc-1", 0, "eur"))), ErrorCode::invalid_amount);
  EXPECT_EQ(code(transfer(state, request("acc-1", "acc-1", 5, "eur"))),
            ErrorCode::invalid_currency);
  EXPECT_EQ(code(transfer(state, request("acc-9", "acc-9", 5))), ErrorCode::same_account);
  EXPECT_EQ(code(transfer(state, request("acc-9", "acc-3", 5))), ErrorCode::account_not_found);
  EXPECT_EQ(code(transfer(state, request("acc-1", "acc-3", 5000))), ErrorCode::currency_mismatch);
  EXPECT_EQ(code(transfer(state, request("acc-1", "acc-2", 5000))), ErrorCode::insufficient_funds);
}

TEST_F(Commands, AnAcceptedTransferTakesTheNextIdAndARefusedOneTakesNone) {
  (void)transfer(state, request("acc-1", "acc-2", 5000));  // refused: no id used
  const auto accepted = transfer(state, request("acc-1", "acc-2", 200));
  ASSERT_TRUE(std::holds_alternative<TransferCompleted>(accepted));
  EXPECT_EQ(std::get<TransferCompleted>(accepted).transfer, "tr-1");
  state.apply(std::get<TransferCompleted>(accepted), 5);
  const auto next = transfer(state, request("acc-1", "acc-2", 100, "EUR", "t2"));
  EXPECT_EQ(std::get<TransferCompleted>(next).transfer, "tr-2");
}

TEST_F(Commands, ARepeatedTransferAnswersAsTheFirstAtTheFirstsPosition) {
  const auto first = std::get<TransferCompleted>(transfer(state, request("acc-1", "acc-2", 200)));
  state.apply(first, 5);
  const auto again = transfer(state, request("acc-1", "acc-2", 200));
  const auto* repeat = std::get_if<Repeat<ledger::Transfer>>(&again);
  ASSERT_NE(repeat, nullptr);
  EXPECT_EQ(repeat->answer, answer_of(first));
  EXPECT_EQ(repeat->position, 5U);
  EXPECT_EQ(code(transfer(state, request("acc-1", "acc-2", 201))), ErrorCode::idempotency_conflict);
}

TEST_F(Commands, ARepeatedDepositAnswersWithTheBalanceRightAfterTheFirst) {
  state.apply(
      FundsDeposited{.deposit = "dep-2", .account = "acc-1", .amount = 7, .request_id = "d2"}, 5);
  const auto again = deposit(state, "acc-1", {.amount = 500, .request_id = "d1"});
  const auto* repeat = std::get_if<Repeat<ledger::Deposit>>(&again);
  ASSERT_NE(repeat, nullptr);
  EXPECT_EQ(repeat->answer.balance, 500);  // not 507: the answer the first request got
  EXPECT_EQ(repeat->position, 4U);
  EXPECT_EQ(code(deposit(state, "acc-2", {.amount = 500, .request_id = "d1"})),
            ErrorCode::idempotency_conflict);
}

TEST_F(Commands, DepositChecksRunInTheContractsOrder) {
  EXPECT_EQ(code(deposit(state, "acc-9", {.amount = 0, .request_id = "d1"})),
            ErrorCode::invalid_amount);
  EXPECT_EQ(code(deposit(state, "acc-9", {.amount = 5, .request_id = "d1"})),
            ErrorCode::idempotency_conflict);
  EXPECT_EQ(code(deposit(state, "acc-9", {.amount = 5, .request_id = "new"})),
            ErrorCode::account_not_found);
}

TEST_F(Commands, AFoldOfAnEventNamingAnUnknownAccountIsRefused) {
  EXPECT_THROW(
      state.apply(
          FundsDeposited{.deposit = "dep-9", .account = "acc-9", .amount = 1, .request_id = "x"},
          9),
      std::runtime_error);
}

}  // namespace
}  // namespace archbench::event_driven
