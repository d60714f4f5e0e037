// Lab 01, step 4: the process died while writing a frame. The unit it held is lost entirely,
// everything before it is kept, and the store goes on working. And a log damaged in the middle
// is refused, loudly, and left alone (rule 6 of file_store.hpp).
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

class Lab01_Step4_Recovery : public ::testing::Test {
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

TEST_F(Lab01_Step4_Recovery, AMissingLogStartsEmpty) {
  FileStore store(log_.path());
  EXPECT_EQ(store.find_account("acc-1"), std::nullopt);
  store.add_account({"acc-1", "Ada", "EUR", 0});
  EXPECT_TRUE(std::filesystem::exists(log_.path()));
  EXPECT_NE(store.find_account("acc-1"), std::nullopt) << "hint: step 1 first";
}

TEST_F(Lab01_Step4_Recovery, ATornLastFrameIsIgnoredWhole) {
  write_then_tear();
  FileStore reopened(log_.path());
  EXPECT_EQ(reopened.find_account("acc-1").value().balance, 1)
      << "hint: the torn unit is lost entirely; the ones before it are kept";
  EXPECT_EQ(reopened.recent_transactions("acc-1", 20).value().size(), 1U);
  EXPECT_EQ(contract::read_record(reopened, Operation::deposit, "dep-2"), std::nullopt);
  EXPECT_NE(contract::read_record(reopened, Operation::deposit, "dep-1"), std::nullopt);
}

TEST_F(Lab01_Step4_Recovery, CommitsAfterATornFrameSurviveTheNextReopening) {
  write_then_tear();
  {
    FileStore reopened(log_.path());
    deposit(reopened, "dep-3", 3);
  }
  FileStore again(log_.path());
  EXPECT_EQ(again.find_account("acc-1").value().balance, 3)
      << "hint: a frame appended behind torn bytes is never replayed: after replay() the file "
         "must end at its last whole frame";
  EXPECT_EQ(again.recent_transactions("acc-1", 20).value().size(), 2U);
}

TEST_F(Lab01_Step4_Recovery, GarbageAfterTheLastFrameIsCutOff) {
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

// A whole frame that cannot be applied is not a torn write: the frames behind it may be commits
// a client saw succeed. Opening must refuse, say where, and change no byte.
TEST_F(Lab01_Step4_Recovery, ADamagedFrameRefusesToOpenAndIsLeftAlone) {
  {
    FileStore store(log_.path());
    store.add_account({"acc-1", "Ada", "EUR", 0});
  }
  const auto damage_at = std::filesystem::file_size(log_.path());
  log::Writer unknown_account;
  unknown_account.tag(log::kBalance).field("acc-9").number(5);
  log::Writer later_commit;
  later_commit.tag(log::kBalance).field("acc-1").number(7);
  std::ofstream(log_.path(), std::ios::app | std::ios::binary)
      << log::frame(unknown_account.payload()) << log::frame(later_commit.payload());
  const std::string before = log_.bytes();

  try {
    FileStore reopened(log_.path());
    ADD_FAILURE() << "opened a log whose second frame names an unknown account; hint: a whole "
                     "frame that cannot be applied is damage: the constructor throws (rule 6)";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find(std::to_string(damage_at)), std::string::npos)
        << "the message was: " << error.what()
        << "; hint: say where the damage is: the frame's byte offset, " << damage_at;
  }
  EXPECT_EQ(log_.bytes(), before)
      << "hint: refusing must not cut the file: the frames behind the damage are commits too";

  std::filesystem::resize_file(log_.path(), damage_at);
  std::ofstream(log_.path(), std::ios::app | std::ios::binary) << log::frame("Z1:x");
  EXPECT_THROW(FileStore{log_.path()}, std::runtime_error)
      << "hint: a record tag this store never writes is damage too";
}

}  // namespace
}  // namespace archbench::lab01
