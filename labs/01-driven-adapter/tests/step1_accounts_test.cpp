// Lab 01, step 1: accounts go to the log and come back from it.
#include <gtest/gtest.h>

#include "file_store.hpp"
#include "hexagonal/tests/store_contract.hpp"
#include "lab01_support.hpp"

namespace archbench::lab01 {
namespace {

namespace contract = hexagonal::contract;

TEST(Lab01_Step1_Accounts, AddsAndFindsAccounts) {
  SCOPED_TRACE(
      "hint: add_account appends a kAccount frame and apply()s it; find_account and "
      "recent_transactions read the map");
  TempLog log;
  FileStore store(log.path());
  contract::adds_and_finds_accounts(store);
}

TEST(Lab01_Step1_Accounts, EachAccountIsOneFrameAppended) {
  TempLog log;
  FileStore store(log.path());
  store.add_account({"acc-1", "Ada", "EUR", 0});
  const std::string first = log.bytes();
  EXPECT_EQ(log.frames(), 1U) << "hint: one frame per account (rule 1)";
  store.add_account({"acc-2", "Bob", "USD", 0});
  EXPECT_EQ(log.frames(), 2U);
  EXPECT_EQ(log.bytes().substr(0, first.size()), first)
      << "hint: append-only: what is in the log never changes";
}

TEST(Lab01_Step1_Accounts, AccountsSurviveReopening) {
  TempLog log;
  const std::string odd = std::string("Ada \"the first\"\nLovelace, é, nul:") + '\0' + ".";
  {
    FileStore store(log.path());
    store.add_account({"acc-1", odd, "EUR", 0});
    store.add_account({"acc-2", "Bob", "USD", 0});
  }
  FileStore reopened(log.path());
  EXPECT_EQ(reopened.find_account("acc-1"), (domain::Account{"acc-1", odd, "EUR", 0}))
      << "hint: replay() reads the file, split_frames() it and apply()s every payload";
  EXPECT_EQ(reopened.find_account("acc-2"), (domain::Account{"acc-2", "Bob", "USD", 0}));
  EXPECT_EQ(reopened.find_account("acc-3"), std::nullopt);
}

}  // namespace
}  // namespace archbench::lab01
