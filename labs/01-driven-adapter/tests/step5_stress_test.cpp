// Lab 01, step 5: hundreds of commits under random faults and crashes, checked against a model
// of what the store acknowledged. A short write, an EINTR, a full disk half-way through a
// frame, a failed fsync, a process killed mid-write and restarted: whatever happened, the log
// holds exactly the commits that returned normally, and nothing that threw.
//
// Randomised: each run draws a seed (printed with any failure). `scripts/lab check 01 --repeat
// 50` runs it fifty times; ARCHBENCH_LAB_SEED=<seed> replays one run exactly.
#include <gtest/gtest.h>

#include <cerrno>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "faulty_file.hpp"
#include "file_store.hpp"
#include "hexagonal/tests/store_contract.hpp"
#include "lab01_support.hpp"
#include "lab_seed.hpp"

namespace archbench::lab01 {
namespace {

namespace contract = hexagonal::contract;
using domain::Operation;
using domain::TransactionKind;

// What the store must hold: per account its balance and its history's line ids, oldest first.
struct Model {
  std::map<std::string, domain::Money> balance;
  std::map<std::string, std::vector<std::string>> lines;
  std::vector<std::string> failed;  // request ids of commits that threw
  std::size_t frames = 0;           // acknowledged commits: one frame each
};

void expect_matches(FileStore& store, const Model& model, const std::string& when) {
  SCOPED_TRACE(when);
  for (const auto& [id, balance] : model.balance) {
    const auto account = store.find_account(id);
    ASSERT_TRUE(account.has_value()) << id << " is gone";
    EXPECT_EQ(account->balance, balance) << id;
    const auto history = store.recent_transactions(id, 1000).value();
    std::vector<std::string> newest_first(model.lines.at(id).rbegin(), model.lines.at(id).rend());
    std::vector<std::string> got;
    for (const auto& line : history) got.push_back(line.id);
    EXPECT_EQ(got, newest_first) << id << "'s history (newest first)";
  }
  for (const auto& request : model.failed) {
    EXPECT_EQ(contract::read_record(store, Operation::deposit, request), std::nullopt)
        << request << " threw, yet its idempotency record is there";
  }
}

TEST(Lab01_Step5_Stress, RandomFaultsNeverLoseAnAcknowledgedCommit) {
  const labs::SeedTrace seed;
  std::mt19937_64 random(seed.value());
  const auto chance = [&](int percent) {
    return std::uniform_int_distribution<int>(0, 99)(random) < percent;
  };
  const auto between = [&](std::size_t low, std::size_t high) {
    return std::uniform_int_distribution<std::size_t>(low, high)(random);
  };

  TempLog log;
  Faults faults;
  Model model;
  const auto open = [&] {
    return std::make_unique<FileStore>(log.path(), Sync::fsync,
                                       std::make_unique<FaultyFile>(log.path(), faults));
  };
  auto store = open();
  const std::vector<std::string> accounts{"acc-1", "acc-2", "acc-3"};
  for (const auto& id : accounts) {
    store->add_account({id, "owner of " + id, "EUR", 0});
    model.balance[id] = 0;
    model.lines[id] = {};
    ++model.frames;
  }

  for (int op = 0; op < 300 && !::testing::Test::HasFailure(); ++op) {
    const std::string request = "dep-" + std::to_string(op);
    const std::string& account = accounts[between(0, accounts.size() - 1)];
    const domain::Money amount = static_cast<domain::Money>(between(1, 1000));

    // One fault, or none; the first three kinds must not fail the commit, the last two must.
    faults.heal();
    bool must_fail = false;
    const auto kind = between(0, 9);
    if (kind == 0) faults.max_chunk = between(1, 8);
    if (kind == 1) faults.interruptions = static_cast<int>(between(1, 3));
    if (kind == 2) {
      faults.max_chunk = between(1, 5);
      faults.interruptions = 1;
    }
    if (kind == 3) {
      faults.fail_after = between(0, 40);  // frames here are longer: it fails part-way
      faults.error = chance(50) ? EFBIG : ENOSPC;
      must_fail = true;
    }
    if (kind == 4) {
      faults.fsync_error = EIO;
      must_fail = true;
    }

    bool failed = false;
    try {
      store->atomically([&](ports::UnitOfWork& unit) {
        const domain::Money balance = unit.find_account(account).value().balance + amount;
        unit.set_balance(account, balance);
        unit.append_transaction(account,
                                {request, TransactionKind::deposit, amount, balance, {}, {}});
        unit.save_idempotency_record(Operation::deposit, request, {"fp", request, balance});
        return true;
      });
    } catch (const std::exception&) {
      failed = true;
    }
    ASSERT_EQ(failed, must_fail) << "commit " << op << " under fault kind " << kind
                                 << " (0: short writes, 1: EINTR, 2: both, 3: write fails "
                                    "part-way, 4: fsync fails)";
    if (failed) {
      model.failed.push_back(request);
    } else {
      model.balance[account] += amount;
      model.lines[account].push_back(request);
      ++model.frames;
    }
    faults.heal();
    expect_matches(*store, model, "in memory after commit " + std::to_string(op));

    if (chance(8)) {  // a restart; half of them after a crash that tore a frame mid-write
      store.reset();
      if (chance(50)) {
        const std::string frame = log::frame("B5:acc-16:999999");
        std::ofstream(log.path(), std::ios::app | std::ios::binary)
            << frame.substr(0, between(1, frame.size() - 1));
      }
      store = open();
      expect_matches(*store, model, "after a restart following commit " + std::to_string(op));
    }
  }
  store.reset();
  FileStore reopened(log.path());
  expect_matches(reopened, model, "after the last restart");
  EXPECT_EQ(log.frames(), model.frames)
      << "the log should hold one frame per acknowledged commit and nothing else";
}

}  // namespace
}  // namespace archbench::lab01
