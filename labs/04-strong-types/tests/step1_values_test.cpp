// Lab 04, step 1: Amount, Currency and Money, built only through factories that check, and
// refused by the compiler where the domain says no.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <type_traits>

#include "lab04_support.hpp"

namespace archbench::lab04 {
namespace {

using testing::value_of;

TEST(Lab04_Step1_Values, AmountAcceptsOneToTenToTheTwelve) {
  EXPECT_EQ(value_of(Amount::from_minor_units(1)).minor_units(), 1);
  EXPECT_EQ(value_of(Amount::from_minor_units(1'000'000'000'000)).minor_units(), 1'000'000'000'000);
}

TEST(Lab04_Step1_Values, AmountRefusesTheRest) {
  for (const std::int64_t units :
       {std::int64_t{0}, std::int64_t{-1}, std::int64_t{-1250}, std::int64_t{1'000'000'000'001}}) {
    EXPECT_TRUE(testing::refused_for(Amount::from_minor_units(units), Reason::invalid_amount))
        << units
        << "\nhint: from_minor_units checks 1 <= minor_units <= 10^12 and returns a "
           "Refusal{Reason::invalid_amount, ...} otherwise";
  }
}

TEST(Lab04_Step1_Values, CurrencyIsThreeUppercaseLetters) {
  EXPECT_EQ(value_of(Currency::from_code("EUR")).code(), "EUR");
  for (const char* code : {"eur", "EURO", "EU", "", "E1R"}) {
    EXPECT_TRUE(testing::refused_for(Currency::from_code(code), Reason::invalid_currency))
        << '"' << code << "\"\nhint: exactly three characters, each from 'A' to 'Z'";
  }
}

TEST(Lab04_Step1_Values, NothingConvertsToOrFromAnAmount) {
  EXPECT_FALSE((std::is_convertible_v<std::int64_t, Amount>))
      << "hint: `Amount a = 5;` compiles: make the constructor private (and explicit), so that "
         "only from_minor_units makes an Amount";
  EXPECT_FALSE((std::is_constructible_v<Amount, std::int64_t>))
      << "hint: `Amount(-5)` compiles and skips the check: only from_minor_units may make one";
  EXPECT_FALSE((std::is_convertible_v<Amount, std::int64_t>))
      << "hint: an Amount silently becomes an integer: remove the conversion operator; "
         "minor_units() says it aloud";
}

TEST(Lab04_Step1_Values, AnAmountIsNeverMadeFromADouble) {
  EXPECT_FALSE(testing::MadeFromADouble<Amount>)
      << "hint: `Amount::from_minor_units(12.5)` compiles (12.5 becomes 12): add an overload "
         "for floating-point arguments that the compiler refuses to call (= delete)";
}

TEST(Lab04_Step1_Values, AnAmountIsNeverNegated) {
  EXPECT_FALSE(testing::Negatable<Amount>)
      << "hint: `-amount` compiles: an Amount is never negative, so it has "
         "no unary minus (and no conversion to an integer that has one)";
}

TEST(Lab04_Step1_Values, MoneyIsNeverAddedOrSubtracted) {
  EXPECT_FALSE(testing::Addable<Money>)
      << "hint: `eur + usd` compiles and gives a wrong sum: a currency is "
         "data, so no + can be right for every pair; delete it";
  EXPECT_FALSE(testing::Subtractable<Money>) << "hint: the same for -";
  EXPECT_FALSE((std::is_constructible_v<Currency, std::string>))
      << "hint: `Currency(std::string(\"eur\"))` skips the check: only from_code may make one";
}

}  // namespace
}  // namespace archbench::lab04
