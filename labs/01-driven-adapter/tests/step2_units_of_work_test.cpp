// Lab 01, step 2: a unit of work is one frame, all or nothing, in the file and in memory.
#include <gtest/gtest.h>

#include <stdexcept>

#include "file_store.hpp"
#include "hexagonal/tests/store_contract.hpp"
#include "lab01_support.hpp"

namespace archbench::lab01 {
namespace {

namespace contract = hexagonal::contract;
using domain::Operation;
using domain::TransactionKind;

class Lab01_Step2_UnitsOfWork : public ::testing::Test {
 protected:
  TempLog log_;
  FileStore store_{log_.path()};
};

TEST_F(Lab01_Step2_UnitsOfWork, ACommittedUnitWritesEverything) {
  SCOPED_TRACE("hint: a committed unit's writes reach the log as one frame, then memory");
  contract::a_committed_unit_writes_everything(store_);
}

TEST_F(Lab01_Step2_UnitsOfWork, ADiscardedOrFailedUnitWritesNothing) {
  SCOPED_TRACE(
      "hint: a unit's writes stay invisible until atomically() commits them: a discarded or "
      "failed unit leaves nothing to undo");
  contract::a_discarded_or_failed_unit_writes_nothing(store_);
}

TEST_F(Lab01_Step2_UnitsOfWork, HistoryIsNewestFirstAndLimited) {
  SCOPED_TRACE("hint: Entry::history is oldest first; the port answers newest first");
  contract::history_is_newest_first_and_limited(store_);
}

TEST_F(Lab01_Step2_UnitsOfWork, IdempotencyRecordsAreScopedByOperation) {
  SCOPED_TRACE("hint: records_ is keyed by {operation, request_id}");
  contract::idempotency_records_are_scoped_by_operation(store_);
}

TEST_F(Lab01_Step2_UnitsOfWork, KeepsEveryByteOfEveryString) {
  SCOPED_TRACE("hint: every string goes through Writer::field / Reader::field, never raw");
  contract::keeps_every_byte_of_every_string(store_);
}

TEST_F(Lab01_Step2_UnitsOfWork, OneCommitIsOneFrame) {
  store_.add_account({"acc-1", "Ada", "EUR", 0});
  const auto before = log_.frames();
  store_.atomically([](ports::UnitOfWork& unit) {
    unit.set_balance("acc-1", 9);
    unit.append_transaction("acc-1", {"dep-1", TransactionKind::deposit, 9, 9, {}, {}});
    unit.save_idempotency_record(Operation::deposit, "d-1", {"fp", "dep-1", 9});
    return true;
  });
  EXPECT_EQ(log_.frames(), before + 1)
      << "hint: all of a unit's records go in one payload, appended as one frame";
  const std::string bytes = log_.bytes();
  store_.atomically([](ports::UnitOfWork& unit) {
    unit.set_balance("acc-1", 10);
    return false;
  });
  EXPECT_EQ(log_.bytes(), bytes) << "hint: a discarded unit appends nothing";
}

TEST_F(Lab01_Step2_UnitsOfWork, CommittedUnitsSurviveReopening) {
  store_.add_account({"acc-1", "Ada", "EUR", 0});
  const domain::Transaction line{"tr-1", TransactionKind::transfer_in, 5, 5, "acc-0", "rent"};
  store_.atomically([&](ports::UnitOfWork& unit) {
    unit.set_balance("acc-1", 5);
    unit.append_transaction("acc-1", line);
    unit.save_idempotency_record(Operation::transfer, "t-1", {"fp", "tr-1", 0});
    return true;
  });
  FileStore reopened(log_.path());
  EXPECT_EQ(reopened.find_account("acc-1").value().balance, 5)
      << "hint: apply() handles kBalance, kTransaction and kRecord too";
  EXPECT_EQ(reopened.recent_transactions("acc-1", 20), std::vector<domain::Transaction>{line});
  EXPECT_EQ(contract::read_record(reopened, Operation::transfer, "t-1"),
            (domain::IdempotencyRecord{"fp", "tr-1", 0}));
}

// Rule 5: a record that names an unknown account could never be replayed, so it must never
// reach the log. The unit fails when the write is made, and leaves nothing behind.
TEST_F(Lab01_Step2_UnitsOfWork, AWriteToAnUnknownAccountIsRefused) {
  store_.add_account({"acc-1", "Ada", "EUR", 0});
  const std::string bytes = log_.bytes();
  EXPECT_THROW(store_.atomically([](ports::UnitOfWork& unit) {
    unit.set_balance("acc-1", 5);
    unit.set_balance("acc-9", 5);
    return true;
  }),
               std::invalid_argument)
      << "hint: set_balance on an account that does not exist throws std::invalid_argument";
  EXPECT_THROW(store_.atomically([](ports::UnitOfWork& unit) {
    unit.append_transaction("acc-9", {"dep-1", TransactionKind::deposit, 5, 5, {}, {}});
    return true;
  }),
               std::invalid_argument)
      << "hint: so does append_transaction";
  EXPECT_EQ(log_.bytes(), bytes) << "hint: a unit that threw appends nothing";
  EXPECT_EQ(store_.find_account("acc-1").value().balance, 0);
  EXPECT_NO_THROW(FileStore{log_.path()}) << "hint: the log must still replay";
}

}  // namespace
}  // namespace archbench::lab01
