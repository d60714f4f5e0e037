// Lab 01, step 5: the ledger's use cases on your store, unchanged, from several threads, and
// across a restart. Nothing new to write if steps 1 to 4 are right; if a test here fails, it
// found something they missed (a read or write outside the lock?).
#include <gtest/gtest.h>

#include "file_store.hpp"
#include "hexagonal/adapters/ids/sequential_id_generator.hpp"
#include "hexagonal/application/ledger.hpp"
#include "hexagonal/tests/store_contract.hpp"
#include "lab01_support.hpp"

namespace archbench::lab01 {
namespace {

namespace contract = hexagonal::contract;

class Lab01_Step5_Ledger : public ::testing::Test {
 protected:
  TempLog log_;
  FileStore store_{log_.path()};
};

TEST_F(Lab01_Step5_Ledger, DepositsCreditAndChain) { contract::deposits_credit_and_chain(store_); }

TEST_F(Lab01_Step5_Ledger, ATransferMovesMoneyOnBothSides) {
  contract::a_transfer_moves_money_on_both_sides(store_);
}

TEST_F(Lab01_Step5_Ledger, InsufficientFundsLeavesBothUnchanged) {
  contract::insufficient_funds_leaves_both_unchanged(store_);
}

TEST_F(Lab01_Step5_Ledger, ARetryReplaysAndAReuseConflicts) {
  contract::a_retry_replays_and_a_reuse_conflicts(store_);
}

TEST_F(Lab01_Step5_Ledger, ConcurrentTransfersConserveMoney) {
  SCOPED_TRACE(
      "hint: every public member takes mutex_, and atomically() holds it for the "
      "whole unit");
  contract::concurrent_transfers_conserve_money(store_);
}

TEST_F(Lab01_Step5_Ledger, ConcurrentRetriesApplyOnce) {
  contract::concurrent_retries_apply_once(store_);
}

TEST_F(Lab01_Step5_Ledger, TheLedgerSurvivesARestart) {
  hexagonal::adapters::SequentialIdGenerator ids;
  const domain::TransferRequest request{"acc-1", "acc-2", 30, "EUR", "tr-rent", "rent"};
  domain::Outcome<domain::Transfer> first;
  {
    hexagonal::application::Ledger ledger(store_, ids);
    (void)ledger.create_account({"Ada", "EUR"});
    (void)ledger.create_account({"Bob", "EUR"});
    (void)ledger.deposit({"acc-1", 100, "d-1"});
    first = ledger.transfer(request);
    ASSERT_TRUE(std::holds_alternative<domain::Transfer>(first));
  }
  FileStore reopened(log_.path());
  hexagonal::application::Ledger ledger(reopened, ids);
  EXPECT_EQ(ledger.transfer(request), first)
      << "hint: idempotency records are in the log too: a retry after a restart replays";
  EXPECT_EQ(reopened.find_account("acc-1").value().balance, 70);
  EXPECT_EQ(reopened.find_account("acc-2").value().balance, 30);
  contract::expect_history_chains(reopened, "acc-1");
  contract::expect_history_chains(reopened, "acc-2");
}

TEST(Lab01_Step5_LedgerFsync, FsyncModeKeepsTheSameContract) {
  TempLog log;
  FileStore store(log.path(), Sync::fsync);
  contract::a_transfer_moves_money_on_both_sides(store);
}

}  // namespace
}  // namespace archbench::lab01
