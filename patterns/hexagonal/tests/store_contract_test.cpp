// The LedgerStore port's contract (store_contract.cpp), run against every driven adapter:
// memory, SQLite (a temp file) and Redis (a real redis-server, started per test). One typed
// suite, one factory per adapter (store_factories.hpp): adding an adapter is one line here.
#include "hexagonal/tests/store_contract.hpp"

#include <gtest/gtest.h>

#include "hexagonal/adapters/ids/sequential_id_generator.hpp"
#include "hexagonal/application/ledger.hpp"
#include "hexagonal/tests/store_factories.hpp"

namespace archbench::hexagonal::testing {
namespace {

template <class Factory>
class StoreContract : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const auto why = Factory::unavailable()) GTEST_SKIP() << *why;
    store_ = factory_.make();
  }

  Factory factory_;  // declared first: the store is destroyed before its server
  std::unique_ptr<ports::LedgerStore> store_;
};

using Factories = ::testing::Types<MemoryFactory, SqliteFactory, RedisFactory>;

struct FactoryNames {
  template <class T>
  static std::string GetName(int) {
    if constexpr (std::is_same_v<T, MemoryFactory>) return "memory";
    if constexpr (std::is_same_v<T, SqliteFactory>) return "sqlite";
    if constexpr (std::is_same_v<T, RedisFactory>) return "redis";
    return "unknown";
  }
};
TYPED_TEST_SUITE(StoreContract, Factories, FactoryNames);

TYPED_TEST(StoreContract, AddsAndFindsAccounts) {
  contract::adds_and_finds_accounts(*this->store_);
}
TYPED_TEST(StoreContract, KeepsEveryByteOfEveryString) {
  contract::keeps_every_byte_of_every_string(*this->store_);
}
TYPED_TEST(StoreContract, ACommittedUnitWritesEverything) {
  contract::a_committed_unit_writes_everything(*this->store_);
}
TYPED_TEST(StoreContract, ADiscardedOrFailedUnitWritesNothing) {
  contract::a_discarded_or_failed_unit_writes_nothing(*this->store_);
}
TYPED_TEST(StoreContract, HistoryIsNewestFirstAndLimited) {
  contract::history_is_newest_first_and_limited(*this->store_);
}
TYPED_TEST(StoreContract, IdempotencyRecordsAreScopedByOperation) {
  contract::idempotency_records_are_scoped_by_operation(*this->store_);
}
TYPED_TEST(StoreContract, KnowsTheHighestNumberedIds) {
  contract::knows_the_highest_numbered_ids(*this->store_);
}
TYPED_TEST(StoreContract, DepositsCreditAndChain) {
  contract::deposits_credit_and_chain(*this->store_);
}
TYPED_TEST(StoreContract, ATransferMovesMoneyOnBothSides) {
  contract::a_transfer_moves_money_on_both_sides(*this->store_);
}
TYPED_TEST(StoreContract, InsufficientFundsLeavesBothUnchanged) {
  contract::insufficient_funds_leaves_both_unchanged(*this->store_);
}
TYPED_TEST(StoreContract, ARetryReplaysAndAReuseConflicts) {
  contract::a_retry_replays_and_a_reuse_conflicts(*this->store_);
}
TYPED_TEST(StoreContract, ConcurrentTransfersConserveMoney) {
  contract::concurrent_transfers_conserve_money(*this->store_);
}
TYPED_TEST(StoreContract, ConcurrentRetriesApplyOnce) {
  contract::concurrent_retries_apply_once(*this->store_);
}

// Not part of the port's contract, but the point of a SQL store: the ledger survives a restart.
TEST(SqliteStore, KeepsTheLedgerAcrossReopening) {
  TempDir dir;
  const auto path = (dir.path() / "ledger.db").string();
  adapters::SequentialIdGenerator ids;
  std::string id;
  {
    adapters::SqliteStore store(path);
    application::Ledger ledger(store, ids);
    id = std::get<domain::Account>(ledger.create_account({"Ada", "EUR"})).id;
    ASSERT_TRUE(std::holds_alternative<domain::Deposit>(ledger.deposit({id, 42, "d-1"})));
  }
  adapters::SqliteStore reopened(path);
  EXPECT_EQ(reopened.find_account(id)->balance, 42);
  EXPECT_EQ(reopened.recent_transactions(id, 20)->size(), 1U);
  contract::expect_history_chains(reopened, id);
}

// A connection broken by the server's restart is dropped, not lent again: after one failed
// call, the store works again (on an empty server: persistence is off in tests).
TEST(RedisStore, RecoversWhenTheServerRestarts) {
  if (const auto why = RedisFactory::unavailable()) GTEST_SKIP() << *why;
  archbench::testing::RedisServer server;
  adapters::RedisStore store("127.0.0.1", server.port());
  store.add_account({"acc-1", "Ada", "EUR", 0});
  server.restart();
  try {
    (void)store.find_account("acc-1");  // on the connection the restart closed
  } catch (const std::runtime_error&) {
  }
  store.add_account({"acc-2", "Bob", "EUR", 0});
  EXPECT_EQ(store.find_account("acc-2").value().owner, "Bob");
}

}  // namespace
}  // namespace archbench::hexagonal::testing
