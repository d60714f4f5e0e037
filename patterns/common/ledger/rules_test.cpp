// The contract's value rules at their edges, and the errors the checks make of them: the codes
// and words every backend answers with (docs/workload.md).
#include "common/ledger/rules.hpp"

#include <gtest/gtest.h>

#include "common/ledger/contract.hpp"

namespace archbench::ledger {
namespace {

// Usable while compiling: what lets a strong type check a constant (ddd's Amount::literal).
static_assert(is_valid_amount(kMinAmount) && !is_valid_amount(kMinAmount - 1));
static_assert(is_valid_currency("EUR") && !is_valid_currency("eur"));

TEST(Rules, AmountsFromOneToTenToTheTwelve) {
  EXPECT_FALSE(is_valid_amount(-1));
  EXPECT_FALSE(is_valid_amount(0));
  EXPECT_TRUE(is_valid_amount(1));
  EXPECT_TRUE(is_valid_amount(1'000'000'000'000));
  EXPECT_FALSE(is_valid_amount(1'000'000'000'001));
}

TEST(Rules, CurrenciesAreThreeUppercaseAsciiLetters) {
  for (const char* good : {"EUR", "USD", "AAA", "ZZZ"})
    EXPECT_TRUE(is_valid_currency(good)) << good;
  for (const char* bad :
       {"", "EU", "EURO", "eur", "Eur", "E1R", "E R", "@EU", "[EU", "\xc3\x89UR"}) {
    EXPECT_FALSE(is_valid_currency(bad)) << bad;
  }
}

TEST(Rules, ChecksAnswerWithTheContractsCodeAndWords) {
  EXPECT_EQ(check_amount(1), std::nullopt);
  EXPECT_EQ(check_amount(0), (Error{ErrorCode::invalid_amount,
                                    "amount must be from 1 to 10^12 minor units, not 0"}));
  EXPECT_EQ(check_amount(-5)->message, "amount must be from 1 to 10^12 minor units, not -5");
  EXPECT_EQ(check_currency("EUR"), std::nullopt);
  EXPECT_EQ(check_currency("eur"),
            (Error{ErrorCode::invalid_currency,
                   R"(currency must be three uppercase letters, not "eur")"}));
  EXPECT_EQ(check_currency("")->message, R"(currency must be three uppercase letters, not "")");
}

// The words of the stateful refusals; the contract suite (testing/contract_suite.cpp) sees most
// of them come back from every backend.
TEST(Rules, RefusalsSayWhatTheContractSays) {
  using namespace refusals;
  EXPECT_EQ(account_not_found("acc-9"),
            (Error{ErrorCode::account_not_found, "account acc-9 does not exist"}));
  EXPECT_EQ(idempotency_conflict("t-1"),
            (Error{ErrorCode::idempotency_conflict,
                   "request_id t-1 was already used with a different body"}));
  EXPECT_EQ(balance_overflow("acc-2"),
            (Error{ErrorCode::invalid_amount, "account acc-2's balance would exceed 2^63-1"}));
  EXPECT_EQ(same_account("acc-1"),
            (Error{ErrorCode::same_account, "cannot transfer from account acc-1 to itself"}));
  EXPECT_EQ(currency_mismatch("acc-2", "USD", "EUR"),
            (Error{ErrorCode::currency_mismatch, "account acc-2 holds USD, not EUR"}));
  EXPECT_EQ(insufficient_funds("acc-1", 1, 5000),
            (Error{ErrorCode::insufficient_funds, "account acc-1 holds 1, needs 5000"}));
}

}  // namespace
}  // namespace archbench::ledger
