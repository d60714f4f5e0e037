// The shared kernel's values: each factory runs the contract's check and answers with its
// refusal, word for word the baseline's; Balance never goes negative nor past 2^63-1.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "ddd/kernel/amount.hpp"
#include "ddd/kernel/balance.hpp"
#include "ddd/kernel/currency.hpp"
#include "ddd/kernel/money.hpp"
#include "ddd/kernel/names.hpp"

namespace archbench::ddd {
namespace {

constexpr std::int64_t kMaxInt64 = std::numeric_limits<std::int64_t>::max();

TEST(Amount, AcceptsOneToTenToTheTwelve) {
  for (const std::int64_t units : {std::int64_t{1}, std::int64_t{1250}, Amount::kMax}) {
    const auto amount = Amount::from_minor_units(units);
    ASSERT_TRUE(std::holds_alternative<Amount>(amount)) << units;
    EXPECT_EQ(std::get<Amount>(amount).minor_units(), units);
  }
}

TEST(Amount, RefusesTheRestWithTheContractsMessage) {
  for (const std::int64_t units : {std::int64_t{0}, std::int64_t{-1}, Amount::kMax + 1,
                                   std::numeric_limits<std::int64_t>::min()}) {
    const auto amount = Amount::from_minor_units(units);
    ASSERT_TRUE(std::holds_alternative<Refusal>(amount)) << units;
    EXPECT_EQ(std::get<Refusal>(amount),
              (Refusal{Reason::invalid_amount, "amount must be from 1 to 10^12 minor units, not " +
                                                   std::to_string(units)}));
  }
}

TEST(Amount, LiteralsAreCheckedWhileCompiling) {
  constexpr Amount kFee = Amount::literal(250);
  static_assert(kFee.minor_units() == 250);
  static_assert(Amount::literal(1) != Amount::literal(2));
}

TEST(Currency, ThreeUppercaseLetters) {
  const auto eur = Currency::from_code("EUR");
  ASSERT_TRUE(std::holds_alternative<Currency>(eur));
  EXPECT_EQ(std::get<Currency>(eur).code(), "EUR");
  EXPECT_EQ(std::get<Currency>(eur), std::get<Currency>(Currency::from_code("EUR")));
  EXPECT_NE(std::get<Currency>(eur), std::get<Currency>(Currency::from_code("USD")));
  for (const char* code : {"eur", "EURO", "EU", "", "E1R", "EUR\n"}) {
    const auto refused = Currency::from_code(code);
    ASSERT_TRUE(std::holds_alternative<Refusal>(refused)) << code;
    EXPECT_EQ(std::get<Refusal>(refused).reason, Reason::invalid_currency);
    EXPECT_EQ(std::get<Refusal>(refused).message,
              std::string("currency must be three uppercase letters, not \"") + code + "\"");
  }
}

TEST(Money, ChecksTheAmountBeforeTheCurrency) {
  EXPECT_EQ(std::get<Refusal>(Money::from(0, "eur")).reason, Reason::invalid_amount);
  EXPECT_EQ(std::get<Refusal>(Money::from(1, "eur")).reason, Reason::invalid_currency);
  const auto money = Money::from(1250, "EUR");
  ASSERT_TRUE(std::holds_alternative<Money>(money));
  EXPECT_EQ(std::get<Money>(money).amount(), Amount::literal(1250));
  EXPECT_EQ(std::get<Money>(money).currency().code(), "EUR");
}

TEST(Balance, NeverNegative) {
  const Balance zero = Balance::zero();
  EXPECT_FALSE(zero.minus(Amount::literal(1)));
  EXPECT_FALSE(zero.covers(Amount::literal(1)));
  const Balance ten = *zero.plus(Amount::literal(10));
  EXPECT_EQ(ten.minus(Amount::literal(10)), zero);
  EXPECT_FALSE(ten.minus(Amount::literal(11)));
  EXPECT_EQ(ten.minor_units(), 10);
}

TEST(Balance, NeverPastTwoToTheSixtyThree) {
  Balance balance = Balance::zero();
  // 2^63-1 = 9223372 * 10^12 + 36854775807: climb to just below the limit.
  for (int i = 0; i < 9'223'372; ++i) balance = *balance.plus(Amount::literal(Amount::kMax));
  const Balance top = *balance.plus(Amount::literal(36'854'775'807));
  EXPECT_EQ(top.minor_units(), kMaxInt64);
  EXPECT_FALSE(top.plus(Amount::literal(1)));
  EXPECT_TRUE(top.minus(Amount::literal(1)));
}

TEST(StrongString, EqualWhenTheTextIs) {
  EXPECT_EQ(AccountId("acc-1"), AccountId("acc-1"));
  EXPECT_NE(AccountId("acc-1"), AccountId("acc-2"));
  EXPECT_EQ(AccountId::Hash{}(AccountId("acc-1")), AccountId::Hash{}(AccountId("acc-1")));
  static_assert(!std::is_convertible_v<std::string, AccountId>);
  static_assert(!std::is_convertible_v<AccountId, TransferId>);
  static_assert(!std::is_constructible_v<TransferId, AccountId>);
}

}  // namespace
}  // namespace archbench::ddd
