// The ids the server mints, and the one rule that makes the dense index correct: only the exact
// text of a minted id maps to an account; every other string names none.
#include "zero-copy/state/ids.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace archbench::zero_copy {
namespace {

TEST(ZeroCopyIds, WritesTheBaselinesIds) {
  EXPECT_EQ(account_id(0).view(), "acc-1");
  EXPECT_EQ(account_id(41).view(), "acc-42");
  EXPECT_EQ(IdText(kDepositPrefix, 7).view(), "dep-7");
  EXPECT_EQ(IdText(kTransferPrefix, UINT64_MAX).view(), "tr-18446744073709551615");
  EXPECT_EQ(IdText(kAccountPrefix, UINT64_MAX).view(), "acc-18446744073709551615");
}

TEST(ZeroCopyIds, MintedIdsMapToTheirIndex) {
  EXPECT_EQ(account_index("acc-1", 1), 0U);
  EXPECT_EQ(account_index("acc-42", 42), 41U);
  EXPECT_EQ(account_index("acc-4294967295", 4294967295U), 4294967294U);
  for (std::uint32_t index : {0U, 9U, 10U, 99U, 12345U}) {
    EXPECT_EQ(account_index(account_id(index).view(), index + 1), index);
  }
}

TEST(ZeroCopyIds, EveryOtherStringNamesNoAccount) {
  const std::vector<std::string> others = {"",
                                           "acc-",
                                           "acc-0",
                                           "acc-01",
                                           "acc-1 ",
                                           " acc-1",
                                           "ACC-1",
                                           "acc+1",
                                           "acc-1x",
                                           "acc--1",
                                           "acc-1.0",
                                           "acc-+1",
                                           "ac-1",
                                           "acc1",
                                           "dep-1",
                                           "tr-1",
                                           "acc-4294967296",
                                           "acc-99999999999",
                                           "acc-18446744073709551617",
                                           std::string("acc-1\0", 6)};
  for (const std::string& id : others) {
    EXPECT_EQ(account_index(id, 1'000'000), kNone) << '"' << id << '"';
  }
  EXPECT_EQ(account_index("acc-3", 2), kNone);  // not minted yet
  EXPECT_EQ(account_index("acc-1", 0), kNone);
}

}  // namespace
}  // namespace archbench::zero_copy
