// Lab 01, step 3: the process died while writing a frame. The unit it held is lost entirely,
// everything before it is kept, and the store goes on working.
#include <gtest/gtest.h>

#include <fstream>

#include "file_store.hpp"
#include "hexagonal/tests/store_contract.hpp"
#include "lab01_support.hpp"

namespace archbench::lab01 {
namespace {

namespace contract = hexagonal::contract;
using domain::Operation;
using domain::TransactionKind;

// One committed deposit-like unit: balance, a history line, an idempotency record.
void deposit(ports::LedgerStore& store, const std::string& id, domain::Money balance) {
  store.atomically([&](ports::UnitOfWork& unit) {
    unit.set_balance("acc-1", balance);
    unit.append_transaction("acc-1", {id, TransactionKind::deposit, 1, balance, {}, {}});
    unit.save_idempotency_record(Operation::deposit, id, {"fp", id, balance});
    return true;
  });
}

class Lab01_Step3_Recovery : public ::testing::Test {
 protected:
  // Two committed units, then the last frame cut in the middle, as a crash mid-write leaves it.
  void write_then_tear() {
    {
      FileStore store(log_.path());
      store.add_account({"acc-1", "Ada", "EUR", 0});
      deposit(store, "dep-1", 1);
      deposit(store, "dep-2", 2);
    }
    std::filesystem::resize_file(log_.path(), std::filesystem::file_size(log_.path()) - 5);
  }

  TempLog log_;
};

TEST_F(Lab01_Step3_Recovery, AMissingLogStartsEmpty) {
  FileStore store(log_.path());
  EXPECT_EQ(store.find_account("acc-1"), std::nullopt);
  store.add_account({"acc-1", "Ada", "EUR", 0});
  EXPECT_TRUE(std::filesystem::exists(log_.path()));
  EXPECT_NE(store.find_account("acc-1"), std::nullopt) << "hint: step 1 first";
}

TEST_F(Lab01_Step3_Recovery, ATornLastFrameIsIgnoredWhole) {
  write_then_tear();
  FileStore reopened(log_.path());
  EXPECT_EQ(reopened.find_account("acc-1").value().balance, 1)
      << "hint: the torn unit is lost entirely; the ones before it are kept";
  EXPECT_EQ(reopened.recent_transactions("acc-1", 20).value().size(), 1U);
  EXPECT_EQ(contract::read_record(reopened, Operation::deposit, "dep-2"), std::nullopt);
  EXPECT_NE(contract::read_record(reopened, Operation::deposit, "dep-1"), std::nullopt);
}

TEST_F(Lab01_Step3_Recovery, CommitsAfterATornFrameSurviveTheNextReopening) {
  write_then_tear();
  {
    FileStore reopened(log_.path());
    deposit(reopened, "dep-3", 3);
  }
  FileStore again(log_.path());
  EXPECT_EQ(again.find_account("acc-1").value().balance, 3)
      << "hint: cut the torn tail off in replay() (std::filesystem::resize_file to "
         "split_frames().valid_bytes), or new frames land behind it, where replay never reads";
  EXPECT_EQ(again.recent_transactions("acc-1", 20).value().size(), 2U);
}

TEST_F(Lab01_Step3_Recovery, GarbageAfterTheLastFrameIsCutOff) {
  {
    FileStore store(log_.path());
    store.add_account({"acc-1", "Ada", "EUR", 0});
  }
  const auto good = std::filesystem::file_size(log_.path());
  std::ofstream(log_.path(), std::ios::app | std::ios::binary) << "9999:B5:acc-1";
  FileStore reopened(log_.path());
  EXPECT_EQ(std::filesystem::file_size(log_.path()), good)
      << "hint: the file ends where split_frames() says the good part ends";
  EXPECT_NE(reopened.find_account("acc-1"), std::nullopt);
}

}  // namespace
}  // namespace archbench::lab01
