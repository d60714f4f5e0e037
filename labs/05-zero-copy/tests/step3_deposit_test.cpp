// Step 3: POST /accounts/{id}/deposits, its checks in the contract's order, its answer the
// codec's bytes, and no allocation for a successful deposit once warm.
#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <string>
#include <vector>

#include "handler.hpp"
#include "lab05_support.hpp"
#include "lab_seed.hpp"

namespace archbench::lab05::testing {
namespace {

Answer deposit(Handler& handler, std::string_view account, std::string_view body) {
  const Padded padded(body);
  return handler.deposit(account, padded.body());
}

TEST(Lab05_Step3_Deposit, ADepositIsTheCodecsBytes) {
  Accounts accounts;
  accounts.open("Ada Lovelace", "EUR");
  accounts.open("Charles Babbage", "EUR");
  Handler handler(accounts);
  Answer answer = deposit(handler, "acc-2", R"({"amount": 5000, "request_id": "dep-7f3a"})");
  EXPECT_EQ(answer.status, 201);
  EXPECT_EQ(answer.body, deposit_json("dep-1", "acc-2", 5000, 5000));
  answer = deposit(handler, "acc-2", R"({"request_id":"r\"2","amount":1250})");
  EXPECT_EQ(answer.status, 201);
  EXPECT_EQ(answer.body, deposit_json("dep-2", "acc-2", 1250, 6250));
  EXPECT_EQ(accounts.find("acc-2")->balance, 6250);
  EXPECT_EQ(handler.get_account("acc-2").body,
            account_json("acc-2", "Charles Babbage", "EUR", 6250));
}

// The first failing check answers; a refusal changes nothing and takes no deposit number.
TEST(Lab05_Step3_Deposit, RefusalsComeInTheContractsOrder) {
  Accounts accounts;
  Account& full = *accounts.find(accounts.open("Full", "EUR").id);
  ASSERT_TRUE(accounts.deposit(full, 1'000'000'000'000).has_value());  // number 1
  full.balance = ledger::Money{9'223'372'036'854'775'000};
  Handler handler(accounts);

  // A broken body, a bad amount and an unknown account: the body answers.
  Answer answer = deposit(handler, "acc-9", R"({"amount":0,"request_id":""})");
  EXPECT_EQ(answer.status, 400);
  EXPECT_TRUE(answer.body.starts_with(kBadRequestPrefix)) << answer.body;
  // A bad amount and an unknown account: the amount answers.
  answer = deposit(handler, "acc-9", R"({"amount":0,"request_id":"r"})");
  EXPECT_EQ(answer.status, 422);
  EXPECT_EQ(answer.body, error_json(*ledger::check_amount(0)));
  answer = deposit(handler, "acc-1", R"({"amount":1000000000001,"request_id":"r"})");
  EXPECT_EQ(answer.status, 422);
  EXPECT_EQ(answer.body, error_json(*ledger::check_amount(1'000'000'000'001)));
  answer =
      deposit(handler, "acc-1", R"({"amount":-100000000000000000000000000000,"request_id":"r"})");
  EXPECT_EQ(answer.status, 422);
  EXPECT_EQ(answer.body,
            error_json(*ledger::check_amount(std::numeric_limits<ledger::Money>::min())));
  // An unknown account.
  answer = deposit(handler, "acc-9", R"({"amount":10,"request_id":"r"})");
  EXPECT_EQ(answer.status, 404);
  EXPECT_EQ(answer.body, error_json(ledger::refusals::account_not_found("acc-9")));
  // A balance past 64 bits.
  answer = deposit(handler, "acc-1", R"({"amount":1000000000000,"request_id":"r"})");
  EXPECT_EQ(answer.status, 422);
  EXPECT_EQ(answer.body, error_json(ledger::refusals::balance_overflow("acc-1")));
  EXPECT_EQ(full.balance, ledger::Money{9'223'372'036'854'775'000});
  // The next deposit is number 2: no refusal took one.
  answer = deposit(handler, "acc-1", R"({"amount":807,"request_id":"r"})");
  EXPECT_EQ(answer.status, 201);
  EXPECT_EQ(answer.body, deposit_json("dep-2", "acc-1", 807, 9'223'372'036'854'775'807));
}

TEST(Lab05_Step3_Deposit, EveryBadBodyIs400) {
  Accounts accounts;
  accounts.open("Ada Lovelace", "EUR");
  Handler handler(accounts);
  for (const std::string_view body :
       {"", "[]", R"({"amount":1})", R"({"amount":1.0,"request_id":"r"})",
        R"({"amount":1,"request_id":"r"} x)", R"({"amount":1,"amount":1,"request_id":"r"})"}) {
    const Answer answer = deposit(handler, "acc-1", body);
    EXPECT_EQ(answer.status, 400) << body;
    EXPECT_TRUE(answer.body.starts_with(kBadRequestPrefix)) << answer.body;
  }
  EXPECT_EQ(accounts.find("acc-1")->balance, 0);
}

// Random deposits into random accounts, every answer the codec's bytes for a plain model's
// figures.
TEST(Lab05_Step3_Deposit, RandomDepositsAgreeWithAModel) {
  const labs::SeedTrace seed;
  std::mt19937_64 random(seed.value());
  Accounts accounts;
  std::vector<ledger::Money> model(20, 0);
  for (std::size_t i = 0; i < model.size(); ++i) accounts.open("owner", "EUR");
  Handler handler(accounts);
  std::uint64_t number = 0;
  for (int i = 0; i < 2'000; ++i) {
    const std::size_t n = random() % (model.size() + 1);  // n == size: no such account
    const std::string id = "acc-" + std::to_string(n + 1);
    const auto amount = static_cast<ledger::Money>(random() % 2'000'000);  // sometimes 0
    const std::string body = R"({"amount":)" + std::to_string(amount) + R"(,"request_id":"r-)" +
                             std::to_string(i) + "\"}";
    const Answer answer = deposit(handler, id, body);
    if (amount == 0) {
      ASSERT_EQ(answer.status, 422);
    } else if (n == model.size()) {
      ASSERT_EQ(answer.status, 404);
    } else {
      model[n] += amount;
      ASSERT_EQ(answer.status, 201);
      ASSERT_EQ(answer.body, deposit_json("dep-" + std::to_string(++number), id, amount, model[n]));
    }
  }
}

TEST(Lab05_Step3_Allocations, NoneForADepositOnceWarm) {
  Accounts accounts;
  accounts.open("Ada Lovelace", "EUR");
  accounts.open("Charles Babbage", "EUR");
  Handler handler(accounts);
  const Padded first(R"({"amount":5000,"request_id":"dep-7f3a-0001"})");
  const Padded second(R"({"request_id":"caf\u00e9 \"2\"","amount":1,"memo":[1,{"a":null}]})");
  int i = 0;
  const double per_request = allocations_per_request([&] {
    ++i;
    const Answer answer = i % 2 == 0 ? handler.deposit("acc-1", first.body())
                                     : handler.deposit("acc-2", second.body());
    if (answer.status != 201) std::abort();
  });
  EXPECT_EQ(per_request, 0.0) << "POST /accounts/{id}/deposits allocates "
                              << count_text(per_request) << " times per request (counted over "
                              << kCounted << " requests after " << kWarmUp << " to warm up)";
}

// GETs and deposits interleaved share the handler's memory: still none.
TEST(Lab05_Step3_Allocations, NoneForGetsAndDepositsInterleaved) {
  Accounts accounts;
  accounts.open("A long enough owner's name to need the heap", "EUR");
  Handler handler(accounts);
  const Padded body(R"({"amount":5000,"request_id":"dep-7f3a-0001"})");
  int i = 0;
  const double per_request = allocations_per_request([&] {
    const Answer answer =
        ++i % 3 == 0 ? handler.get_account("acc-1") : handler.deposit("acc-1", body.body());
    if (answer.status != 200 && answer.status != 201) std::abort();
  });
  EXPECT_EQ(per_request, 0.0) << count_text(per_request) << " allocations per request";
}

}  // namespace
}  // namespace archbench::lab05::testing
