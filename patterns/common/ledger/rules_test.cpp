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

}  // namespace
}  // namespace archbench::ledger
