// An account answered from its prefix is the codec's account JSON, byte for byte, whatever its
// owner holds (escapes, quotes, UTF-8, bytes that are not UTF-8) and whatever its balance.
#include "zero-copy/state/account_json.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "common/ledger/json_codec.hpp"

namespace archbench::zero_copy {
namespace {

TEST(ZeroCopyAccountJson, SameBytesAsTheCodec) {
  const std::vector<std::string> owners = {"Ada Lovelace",
                                           "",
                                           "\"quoted\"",
                                           "back\\slash",
                                           "tab\there",
                                           "new\nline",
                                           "\x01\x1f",
                                           "caf\xc3\xa9 \xf0\x9f\x98\x80",
                                           "\xff not utf-8 \xc3",
                                           std::string("nul\0inside", 10),
                                           std::string(256, 'x')};
  const std::vector<ledger::Money> balances = {0, 1, 1250,
                                               std::numeric_limits<ledger::Money>::max()};
  for (const std::string& owner : owners) {
    std::string prefix;
    render_account_prefix("acc-42", owner, "EUR", prefix);
    for (const ledger::Money balance : balances) {
      std::string expected;
      ledger::write_account_json("acc-42", owner, "EUR", balance, expected);
      std::string actual = "kept: ";  // appends, as the codec's writers do
      write_account_from_prefix(prefix, balance, actual);
      EXPECT_EQ(actual, "kept: " + expected) << owner << ' ' << balance;
    }
  }
}

}  // namespace
}  // namespace archbench::zero_copy
