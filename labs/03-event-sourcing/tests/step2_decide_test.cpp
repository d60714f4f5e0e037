// Lab 03, step 2: deciding a transfer. The contract's check order, repeats, and ids; then a
// randomised run of decide + fold against a plain model of the ledger.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "decide.hpp"
#include "lab03_support.hpp"
#include "lab_seed.hpp"

namespace archbench::lab03 {
namespace {

using ledger::ErrorCode;

ledger::TransferRequest request(std::string from, std::string to, Money amount,
                                std::string currency = "EUR", std::string request_id = "t1") {
  return {.from = std::move(from),
          .to = std::move(to),
          .amount = amount,
          .currency = std::move(currency),
          .request_id = std::move(request_id),
          .memo = std::nullopt};
}

ErrorCode code(const TransferDecision& decision) {
  const auto* error = std::get_if<ledger::Error>(&decision);
  EXPECT_NE(error, nullptr) << "expected a refusal";
  return error == nullptr ? ErrorCode::internal_error : error->code;
}

class Lab03_Step2_Decide : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* id : {"a", "b"}) {
      state.apply(AccountOpened{.account = id, .owner = "o", .currency = "EUR"});
    }
    state.apply(AccountOpened{.account = "u", .owner = "o", .currency = "USD"});
    state.apply(
        FundsDeposited{.deposit = "dep-1", .account = "a", .amount = 500, .request_id = "d1"});
  }
  // Decides and, if accepted, folds: what the service does.
  TransferDecision run(const ledger::TransferRequest& r) {
    auto decision = decide_transfer(state, r);
    if (const auto* event = std::get_if<TransferCompleted>(&decision)) state.apply(*event);
    return decision;
  }
  LedgerState state;
};

TEST_F(Lab03_Step2_Decide, TheFirstBrokenRuleAnswersInTheContractsOrder) {
  EXPECT_EQ(code(run(request("x", "x", 0, "eur"))), ErrorCode::invalid_amount);
  EXPECT_EQ(code(run(request("x", "x", 1'000'000'000'001))), ErrorCode::invalid_amount);
  EXPECT_EQ(code(run(request("x", "x", 5, "eur"))), ErrorCode::invalid_currency);
  EXPECT_EQ(code(run(request("x", "x", 5))), ErrorCode::same_account);
  EXPECT_EQ(code(run(request("x", "u", 5))), ErrorCode::account_not_found);
  EXPECT_EQ(code(run(request("a", "x", 5))), ErrorCode::account_not_found);
  EXPECT_EQ(code(run(request("a", "u", 5000))), ErrorCode::currency_mismatch);
  EXPECT_EQ(code(run(request("a", "b", 5000))), ErrorCode::insufficient_funds);
}

TEST_F(Lab03_Step2_Decide, AnAcceptedTransferIsAnEventWithTheNextId) {
  const auto decision = run(request("a", "b", 200));
  const auto* event = std::get_if<TransferCompleted>(&decision);
  ASSERT_NE(event, nullptr);
  EXPECT_EQ(event->transfer, "tr-1");
  EXPECT_EQ(event->amount, 200);
  EXPECT_EQ(testing::balance(state, "b"), 200);
  const auto second = run(request("a", "b", 1, "EUR", "t2"));
  ASSERT_TRUE(std::holds_alternative<TransferCompleted>(second));
  EXPECT_EQ(std::get<TransferCompleted>(second).transfer, "tr-2");
}

TEST_F(Lab03_Step2_Decide, RefusalsAndRepeatsTakeNoId) {
  (void)run(request("a", "b", 5000));  // refused
  (void)run(request("a", "b", 100, "EUR", "t1"));
  (void)run(request("a", "b", 100, "EUR", "t1"));  // repeated
  const auto next = run(request("a", "b", 1, "EUR", "t2"));
  ASSERT_TRUE(std::holds_alternative<TransferCompleted>(next));
  EXPECT_EQ(std::get<TransferCompleted>(next).transfer, "tr-2");
}

TEST_F(Lab03_Step2_Decide, TheSameRequestAgainIsARepeatOfTheFirstAnswer) {
  const auto accepted = run(request("a", "b", 200));
  ASSERT_TRUE(std::holds_alternative<TransferCompleted>(accepted));
  const auto first = std::get<TransferCompleted>(accepted);
  const auto again = run(request("a", "b", 200));
  const auto* repeat = std::get_if<Repeat>(&again);
  ASSERT_NE(repeat, nullptr);
  EXPECT_EQ(repeat->first, first);
  EXPECT_EQ(testing::balance(state, "b"), 200) << "a repeat must change nothing";
}

TEST_F(Lab03_Step2_Decide, ARetryOfASpentTransferStillGetsItsFirstAnswer) {
  (void)run(request("a", "b", 500));  // empties a
  EXPECT_TRUE(std::holds_alternative<Repeat>(run(request("a", "b", 500))))
      << "idempotency is checked before the funds";
}

TEST_F(Lab03_Step2_Decide, TheSameRequestIdWithAnyFieldChangedIsAConflict) {
  auto base = request("a", "b", 200);
  (void)run(base);
  auto other = base;
  other.amount = 201;
  EXPECT_EQ(code(run(other)), ErrorCode::idempotency_conflict);
  other = base;
  other.memo = "rent";
  EXPECT_EQ(code(run(other)), ErrorCode::idempotency_conflict);
  other = base;
  other.to = "u";
  other.currency = "EUR";
  EXPECT_EQ(code(run(other)), ErrorCode::idempotency_conflict);
}

// Random transfers (and retries of earlier ones) through decide + fold, against a model that
// knows only balances: money is conserved, no balance goes negative, every accepted transfer is
// exactly what the model expected, and a retry never moves money again.
TEST_F(Lab03_Step2_Decide, RandomTransfersAgreeWithAPlainModel) {
  const labs::SeedTrace seed;
  std::mt19937_64 random(seed.value());
  std::map<std::string, Money> model{{"a", 500}, {"b", 0}};
  std::vector<ledger::TransferRequest> sent;
  for (int i = 0; i < 2000; ++i) {
    ledger::TransferRequest r;
    if (!sent.empty() && random() % 4 == 0) {
      r = sent[random() % sent.size()];  // a retry
    } else {
      const bool ab = random() % 2 == 0;
      r = request(ab ? "a" : "b", ab ? "b" : "a", static_cast<Money>(1 + random() % 300), "EUR",
                  "r" + std::to_string(i));
    }
    const bool seen = state.transfer(r.request_id) != nullptr;
    const bool funded = model[r.from] >= r.amount;
    const auto decision = run(r);
    if (seen) {
      ASSERT_TRUE(std::holds_alternative<Repeat>(decision)) << "retry of " << r.request_id;
    } else if (funded) {
      ASSERT_TRUE(std::holds_alternative<TransferCompleted>(decision)) << r.request_id;
      model[r.from] -= r.amount;
      model[r.to] += r.amount;
      sent.push_back(r);
    } else {
      ASSERT_EQ(code(decision), ErrorCode::insufficient_funds) << r.request_id;
    }
    ASSERT_EQ(testing::balance(state, "a"), model["a"]);
    ASSERT_EQ(testing::balance(state, "b"), model["b"]);
  }
  EXPECT_EQ(testing::balance(state, "a") + testing::balance(state, "b"), 500);
}

}  // namespace
}  // namespace archbench::lab03
