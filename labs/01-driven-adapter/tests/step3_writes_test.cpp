// Lab 01, step 3: a write that does not go as planned. write(2) writes part of a frame, a signal
// interrupts it, the disk fills up half-way, fsync fails: rules 2, 3 and 4 of file_store.hpp.
// The store appends through a FaultyFile (faulty_file.hpp) that makes each of these happen on
// demand; one test makes the kernel do it for real (RLIMIT_FSIZE).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <stdexcept>
#include <system_error>

#include "faulty_file.hpp"
#include "file_store.hpp"
#include "hexagonal/tests/store_contract.hpp"
#include "lab01_support.hpp"

namespace archbench::lab01 {
namespace {

namespace contract = hexagonal::contract;
using domain::Operation;
using domain::TransactionKind;

// A deposit-like unit: balance, one history line, one idempotency record.
void deposit(ports::LedgerStore& store, const std::string& id, domain::Money balance) {
  store.atomically([&](ports::UnitOfWork& unit) {
    unit.set_balance("acc-1", balance);
    unit.append_transaction("acc-1", {id, TransactionKind::deposit, 1, balance, {}, {}});
    unit.save_idempotency_record(Operation::deposit, id, {"fp", id, balance});
    return true;
  });
}

// The errno a call failed with, or 0 if it did not throw std::system_error.
template <typename Call>
int error_of(Call&& call) {
  try {
    call();
  } catch (const std::system_error& error) {
    return error.code().value();
  }
  return 0;
}

class Lab01_Step3_Writes : public ::testing::Test {
 protected:
  std::unique_ptr<FileStore> open(Sync sync = Sync::none) {
    return std::make_unique<FileStore>(log_.path(), sync,
                                       std::make_unique<FaultyFile>(log_.path(), faults_));
  }

  Faults faults_;  // declared before the store, so it outlives it
  TempLog log_;
};

TEST_F(Lab01_Step3_Writes, ShortWritesStillWriteTheWholeFrame) {
  auto store = open();
  faults_.max_chunk = 3;
  store->add_account({"acc-1", "Ada Lovelace", "EUR", 0});
  deposit(*store, "dep-1", 1);
  EXPECT_GT(faults_.writes, 2) << "the double cut every write to 3 bytes";
  EXPECT_EQ(log_.frames(), 2U)
      << "hint: write(2) may write fewer bytes than asked and return how many: the rest is "
         "still to be written";
  store.reset();
  FileStore reopened(log_.path());
  EXPECT_EQ(reopened.find_account("acc-1"), (domain::Account{"acc-1", "Ada Lovelace", "EUR", 1}));
}

TEST_F(Lab01_Step3_Writes, AnInterruptedWriteIsTriedAgain) {
  auto store = open();
  faults_.interruptions = 2;
  EXPECT_NO_THROW(store->add_account({"acc-1", "Ada", "EUR", 0}))
      << "hint: EINTR means a signal arrived before anything was written: nothing failed";
  EXPECT_EQ(log_.frames(), 1U);
  EXPECT_NE(store->find_account("acc-1"), std::nullopt);
}

TEST_F(Lab01_Step3_Writes, FsyncsEveryCommitWhenAsked) {
  auto store = open(Sync::fsync);
  store->add_account({"acc-1", "Ada", "EUR", 0});
  deposit(*store, "dep-1", 1);
  deposit(*store, "dep-2", 2);
  store->atomically([](ports::UnitOfWork& unit) {
    unit.set_balance("acc-1", 99);
    return false;
  });
  EXPECT_EQ(faults_.fsyncs, 3)
      << "hint: Sync::fsync promises each commit is on the disk when the call returns: one "
         "fsync per commit (a discarded unit commits nothing)";
  EXPECT_EQ(faults_.bytes_at_fsync, faults_.bytes)
      << "hint: fsync makes durable what was written before it: call it after the last byte";
}

TEST_F(Lab01_Step3_Writes, NeverFsyncsWhenNotAsked) {
  auto store = open(Sync::none);
  store->add_account({"acc-1", "Ada", "EUR", 0});
  deposit(*store, "dep-1", 1);
  EXPECT_EQ(faults_.fsyncs, 0) << "hint: Sync::none is the fast mode: write(2) only";
}

TEST_F(Lab01_Step3_Writes, AFailedAppendChangesNothingInMemory) {
  auto store = open();
  store->add_account({"acc-1", "Ada", "EUR", 0});
  faults_.fail_after = 0;  // the disk is full
  EXPECT_EQ(error_of([&] {
              store->add_account({"acc-2", "Bob", "EUR", 0});
            }),
            EFBIG)
      << "hint: a failed write throws std::system_error with the write's errno";
  EXPECT_EQ(store->find_account("acc-2"), std::nullopt)
      << "hint: the log first, then memory: an account the log does not hold must not exist";
  EXPECT_EQ(error_of([&] { deposit(*store, "dep-1", 5); }), EFBIG);
  EXPECT_EQ(store->find_account("acc-1").value().balance, 0)
      << "hint: the log first, then memory: a commit that failed changed nothing";
  EXPECT_EQ(contract::read_record(*store, Operation::deposit, "dep-1"), std::nullopt);
}

// The disk fills up in the middle of a frame: part of it is in the file. The next commit must
// not land behind those bytes, where no replay will ever read it.
TEST_F(Lab01_Step3_Writes, AWriteThatFailsPartWayLeavesNoTornBytes) {
  auto store = open();
  store->add_account({"acc-1", "Ada", "EUR", 0});
  const auto good = std::filesystem::file_size(log_.path());
  faults_.fail_after = 10;
  EXPECT_EQ(error_of([&] { deposit(*store, "dep-1", 1); }), EFBIG);
  EXPECT_EQ(std::filesystem::file_size(log_.path()), good)
      << "hint: 10 bytes of the failed frame reached the file: cut it back to where the frame "
         "started (LogFile::truncate), so the file ends at its last whole frame";
  faults_.heal();
  deposit(*store, "dep-2", 2);
  store.reset();
  FileStore reopened(log_.path());
  EXPECT_EQ(reopened.find_account("acc-1").value().balance, 2)
      << "hint: the commit after the failed one was acknowledged: it must survive a restart";
  EXPECT_EQ(reopened.recent_transactions("acc-1", 20).value().size(), 1U);
}

// fsync failed: the bytes may or may not reach the disk. The client is told the commit failed,
// so it must not come back on the next replay either.
TEST_F(Lab01_Step3_Writes, AFailedFsyncIsAFailedCommit) {
  auto store = open(Sync::fsync);
  store->add_account({"acc-1", "Ada", "EUR", 0});
  const auto good = std::filesystem::file_size(log_.path());
  faults_.fsync_error = EIO;
  EXPECT_EQ(error_of([&] { deposit(*store, "dep-1", 1); }), EIO)
      << "hint: under Sync::fsync a commit is done only when fsync succeeded";
  EXPECT_EQ(store->find_account("acc-1").value().balance, 0);
  EXPECT_EQ(std::filesystem::file_size(log_.path()), good)
      << "hint: the caller heard 'failed': the frame must not replay as a success later";
  faults_.heal();
  deposit(*store, "dep-2", 2);
  store.reset();
  EXPECT_EQ(FileStore(log_.path()).find_account("acc-1").value().balance, 2);
}

TEST_F(Lab01_Step3_Writes, AnAppendThatCannotBeUndoneStopsTheStore) {
  auto store = open();
  store->add_account({"acc-1", "Ada", "EUR", 0});
  faults_.fail_after = 5;
  faults_.truncate_error = EIO;
  EXPECT_ANY_THROW(deposit(*store, "dep-1", 1));
  faults_.heal();
  const auto torn = std::filesystem::file_size(log_.path());
  EXPECT_ANY_THROW(deposit(*store, "dep-2", 2))
      << "hint: the file ends with torn bytes the store could not cut: any frame appended "
         "now would be lost on the next replay, so refuse (rule 4)";
  EXPECT_EQ(std::filesystem::file_size(log_.path()), torn);
  store.reset();
  FileStore reopened(log_.path());  // replay cuts the torn bytes: the store works again
  deposit(reopened, "dep-3", 3);
  EXPECT_EQ(FileStore(log_.path()).find_account("acc-1").value().balance, 3);
}

// The same failure from the kernel itself: a file size limit (RLIMIT_FSIZE) that the frame
// crosses, so write(2) writes what fits and the next call fails with EFBIG. In a child process,
// so the limit does not outlive the test.
TEST_F(Lab01_Step3_Writes, ARealFileSizeLimitMidFrameLeavesALogThatOpens) {
  {
    FileStore store(log_.path());
    store.add_account({"acc-1", "Ada", "EUR", 0});
  }
  const auto good = std::filesystem::file_size(log_.path());
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::signal(SIGXFSZ, SIG_IGN);  // otherwise crossing the limit kills the process
    const rlim_t limit = static_cast<rlim_t>(good) + 20;
    const rlimit fsize{limit, limit};
    if (::setrlimit(RLIMIT_FSIZE, &fsize) != 0) ::_exit(3);
    int code = 0;
    try {
      FileStore store(log_.path());
      code = error_of([&] { deposit(store, "dep-1", 1); }) == EFBIG ? 0 : 1;
    } catch (...) {
      code = 2;
    }
    ::_exit(code);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status)) << "the child died of a signal";
  EXPECT_EQ(WEXITSTATUS(status), 0)
      << "hint: the commit crossing the size limit must throw std::system_error(EFBIG)";
  EXPECT_EQ(std::filesystem::file_size(log_.path()), good)
      << "hint: the 20 bytes that fit are part of a frame that failed: cut them off";
  FileStore reopened(log_.path());
  deposit(reopened, "dep-2", 2);
  EXPECT_EQ(FileStore(log_.path()).find_account("acc-1").value().balance, 2);
}

}  // namespace
}  // namespace archbench::lab01
