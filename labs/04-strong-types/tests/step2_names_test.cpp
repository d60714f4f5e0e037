// Lab 04, step 2: a Balance that cannot leave its range or pass for an integer, and ids that
// cannot be swapped.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "lab04_support.hpp"

namespace archbench::lab04 {
namespace {

TEST(Lab04_Step2_Names, ABalanceNeverGoesNegative) {
  const Balance ten = Balance::zero().plus(testing::amount(10)).value();
  EXPECT_EQ(ten.minus(testing::amount(10)).value().minor_units(), 0);
  EXPECT_FALSE(ten.minus(testing::amount(11)).has_value())
      << "hint: minus returns nullopt when the amount is more than the balance";
}

TEST(Lab04_Step2_Names, ABalanceIsNoInteger) {
  EXPECT_FALSE((std::is_convertible_v<Balance, std::int64_t>))
      << "hint: `std::int64_t raw = balance;` compiles: remove the conversion; minor_units() "
         "says it aloud";
  EXPECT_FALSE((std::is_constructible_v<Balance, std::int64_t>))
      << "hint: `Balance(-100)` compiles: only zero(), plus and minus make a Balance";
}

TEST(Lab04_Step2_Names, AnAccountIdIsNoRequestId) {
  EXPECT_FALSE((std::is_same_v<AccountId, RequestId>))
      << "hint: two names for std::string are one type: make a class per id (a template with "
         "a tag parameter makes that one line each)";
  EXPECT_FALSE((std::is_convertible_v<AccountId, RequestId>))
      << "hint: an AccountId passes where a RequestId is expected";
  EXPECT_FALSE((std::is_convertible_v<std::string, AccountId>))
      << "hint: any std::string becomes an AccountId silently: make the constructor explicit";
  EXPECT_TRUE((std::is_constructible_v<AccountId, std::string>))
      << "hint: AccountId(std::string) must still work, explicitly";
  EXPECT_TRUE(testing::HasText<AccountId>) << "hint: text() gives the id's string back";
  EXPECT_TRUE(AccountId(std::string("acc-1")) == AccountId(std::string("acc-1")));
}

}  // namespace
}  // namespace archbench::lab04
