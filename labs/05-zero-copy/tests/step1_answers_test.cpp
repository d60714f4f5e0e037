// Step 1: GET /accounts/{id} answered byte for byte as the codec writes it, from memory the
// handler keeps: no allocation per request once warm.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "handler.hpp"
#include "lab05_support.hpp"
#include "lab_seed.hpp"

namespace archbench::lab05::testing {
namespace {

TEST(Lab05_Step1_Answers, AnAccountIsTheCodecsBytes) {
  Accounts accounts;
  accounts.open("Ada Lovelace", "EUR");
  Handler handler(accounts);
  const Answer answer = handler.get_account("acc-1");
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body, account_json("acc-1", "Ada Lovelace", "EUR", 0));
}

// An owner is any string the contract allows: quotes, backslashes, control characters and
// UTF-8 must come out escaped exactly as the codec escapes them.
TEST(Lab05_Step1_Answers, AnOwnerIsEscapedAsTheCodecEscapesIt) {
  Accounts accounts;
  const std::string owner = "Ada \"Countess\" Lovelace\\\n\t\x01 caf\xc3\xa9";
  Account& account = *accounts.find(accounts.open(owner, "GBP").id);
  ASSERT_TRUE(accounts.deposit(account, 1'000'000'000'000).has_value());
  Handler handler(accounts);
  const Answer answer = handler.get_account("acc-1");
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body, account_json("acc-1", owner, "GBP", 1'000'000'000'000));
}

TEST(Lab05_Step1_Answers, AnUnknownAccountIs404InTheContractsWords) {
  Accounts accounts;
  accounts.open("Ada Lovelace", "EUR");
  Handler handler(accounts);
  for (const std::string_view id : {"acc-2", "acc-0", "acc-01", "acc-", "acc-1x", "", "ACC-1"}) {
    const Answer answer = handler.get_account(id);
    EXPECT_EQ(answer.status, 404) << id;
    EXPECT_EQ(answer.body, error_json(ledger::refusals::account_not_found(id))) << id;
  }
}

// An answer reuses the memory of the one before it: each must still be whole, and only itself.
TEST(Lab05_Step1_Answers, TwoAnswersInARowAreEachWhole) {
  Accounts accounts;
  accounts.open("A much longer owner's name than the next one", "EUR");
  accounts.open("Bo", "SEK");
  Handler handler(accounts);
  EXPECT_EQ(handler.get_account("acc-1").body,
            account_json("acc-1", "A much longer owner's name than the next one", "EUR", 0));
  EXPECT_EQ(handler.get_account("acc-2").body, account_json("acc-2", "Bo", "SEK", 0));
  EXPECT_EQ(handler.get_account("acc-9").body,
            error_json(ledger::refusals::account_not_found("acc-9")));
  EXPECT_EQ(handler.get_account("acc-1").body,
            account_json("acc-1", "A much longer owner's name than the next one", "EUR", 0));
}

// Random ASCII owners (control characters, NUL too) and balances, compared with the codec.
TEST(Lab05_Step1_Answers, RandomAccountsAreTheCodecsBytes) {
  const labs::SeedTrace seed;
  std::mt19937_64 random(seed.value());
  Accounts accounts;
  std::vector<std::string> owners;
  for (int i = 0; i < 200; ++i) {
    std::string owner(1 + random() % 40, ' ');
    for (char& c : owner) c = static_cast<char>(random() % 128);  // ASCII, controls included
    owners.push_back(owner);
    Account& account = *accounts.find(accounts.open(owner, "EUR").id);
    const auto amount = static_cast<ledger::Money>(1 + random() % 1'000'000'000'000);
    ASSERT_TRUE(accounts.deposit(account, amount).has_value());
  }
  Handler handler(accounts);
  for (int i = 0; i < 1'000; ++i) {
    const std::size_t n = random() % owners.size();
    const std::string id = "acc-" + std::to_string(n + 1);
    const Account& account = *accounts.find(id);
    const Answer answer = handler.get_account(id);
    ASSERT_EQ(answer.status, 200);
    ASSERT_EQ(answer.body, account_json(id, owners[n], "EUR", account.balance));
  }
}

// The counter bites: a string too long for the small-string buffer is one allocation.
TEST(Lab05_Step1_Allocations, TheCounterSeesAnAllocation) {
  const std::uint64_t before = allocations();
  std::string text(100, 'x');
  EXPECT_EQ(allocations() - before, 1U) << text.size();
}

TEST(Lab05_Step1_Allocations, NoneForAGetOnceWarm) {
  Accounts accounts;
  accounts.open("Ada Lovelace", "EUR");
  accounts.open("Charles Babbage, whose name is longer than Ada's", "EUR");
  Handler handler(accounts);
  int i = 0;
  const double per_request = allocations_per_request([&] {
    const Answer answer = handler.get_account(++i % 2 == 0 ? "acc-1" : "acc-2");
    if (answer.status != 200) std::abort();
  });
  EXPECT_EQ(per_request, 0.0) << "GET /accounts/{id} allocates " << count_text(per_request)
                              << " times per request (counted over " << kCounted
                              << " requests after " << kWarmUp << " to warm up)";
}

}  // namespace
}  // namespace archbench::lab05::testing
