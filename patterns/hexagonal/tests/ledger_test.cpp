// The use cases over test doubles plugged into the ports: the in-memory store, sequential ids,
// and two small decorators (a store that counts commits, one that fails mid-write). No
// database, no network: the application layer is tested in milliseconds.
#include "hexagonal/application/ledger.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>

#include "hexagonal/adapters/ids/sequential_id_generator.hpp"
#include "hexagonal/adapters/memory/memory_store.hpp"
#include "hexagonal/tests/domain_printers.hpp"

namespace archbench::hexagonal::application {
namespace {

using domain::ErrorCode;

// A store decorator: forwards everything to a real store. The doubles below override only
// what they change.
class ForwardingStore : public ports::LedgerStore {
 public:
  explicit ForwardingStore(ports::LedgerStore& inner) : inner_(inner) {}
  void add_account(const domain::Account& account) override { inner_.add_account(account); }
  std::optional<domain::Account> find_account(std::string_view id) override {
    return inner_.find_account(id);
  }
  std::optional<std::vector<domain::Transaction>> recent_transactions(std::string_view id,
                                                                      int limit) override {
    return inner_.recent_transactions(id, limit);
  }
  std::uint64_t highest_id_number(std::string_view prefix) override {
    return inner_.highest_id_number(prefix);
  }
  void atomically(const Work& work) override { inner_.atomically(work); }

 protected:
  ports::LedgerStore& inner_;
};

// Counts the units of work that committed.
class CountingStore final : public ForwardingStore {
 public:
  using ForwardingStore::ForwardingStore;
  void atomically(const Work& work) override {
    inner_.atomically([&](ports::UnitOfWork& unit) {
      const bool commit = work(unit);
      if (commit) ++commits;
      return commit;
    });
  }
  int commits = 0;
};

// Its units of work fail on the first history write, after the balances were already written:
// the store must then drop the whole unit.
class FailingStore final : public ForwardingStore {
 public:
  using ForwardingStore::ForwardingStore;
  void atomically(const Work& work) override {
    inner_.atomically([&](ports::UnitOfWork& unit) {
      FailingUnit failing(unit);
      return work(failing);
    });
  }

 private:
  class FailingUnit final : public ports::UnitOfWork {
   public:
    explicit FailingUnit(ports::UnitOfWork& inner) : inner_(inner) {}
    std::optional<domain::Account> find_account(std::string_view id) override {
      return inner_.find_account(id);
    }
    std::optional<domain::IdempotencyRecord> find_idempotency_record(
        domain::Operation operation, std::string_view request_id) override {
      return inner_.find_idempotency_record(operation, request_id);
    }
    void set_balance(std::string_view id, domain::Money balance) override {
      inner_.set_balance(id, balance);
    }
    void append_transaction(std::string_view, const domain::Transaction&) override {
      throw std::runtime_error("disk full");
    }
    void save_idempotency_record(domain::Operation operation, std::string_view request_id,
                                 const domain::IdempotencyRecord& record) override {
      inner_.save_idempotency_record(operation, request_id, record);
    }

   private:
    ports::UnitOfWork& inner_;
  };
};

class LedgerUseCases : public ::testing::Test {
 protected:
  std::string open(std::string currency = "EUR") {
    auto opened = ledger_.create_account({"Ada", std::move(currency)});
    return std::get<domain::Account>(opened).id;
  }
  domain::Money balance(std::string_view id) {
    return std::get<domain::Account>(ledger_.get_account(id)).balance;
  }
  template <class T>
  static ErrorCode code_of(const domain::Outcome<T>& outcome) {
    EXPECT_TRUE(std::holds_alternative<domain::Error>(outcome));
    return std::holds_alternative<domain::Error>(outcome) ? std::get<domain::Error>(outcome).code
                                                          : ErrorCode{};
  }

  adapters::MemoryStore memory_;
  CountingStore store_{memory_};
  adapters::SequentialIdGenerator ids_;
  Ledger ledger_{store_, ids_};
};

TEST_F(LedgerUseCases, CreatesAndGetsAccounts) {
  auto opened = ledger_.create_account({"Ada", "EUR"});
  EXPECT_EQ(std::get<domain::Account>(opened), (domain::Account{"acc-1", "Ada", "EUR", 0}));
  EXPECT_EQ(std::get<domain::Account>(ledger_.get_account("acc-1")).owner, "Ada");
  EXPECT_EQ(code_of(ledger_.get_account("nope")), ErrorCode::account_not_found);
  EXPECT_EQ(code_of(ledger_.create_account({"Ada", "euro"})), ErrorCode::invalid_currency);
  EXPECT_EQ(memory_.find_account("acc-2"), std::nullopt) << "a refused account is not stored";
}

TEST_F(LedgerUseCases, DepositsAreIdempotent) {
  const auto a = open();
  auto first = ledger_.deposit({a, 500, "d-1"});
  ASSERT_TRUE(std::holds_alternative<domain::Deposit>(first));
  (void)ledger_.deposit({a, 100, "d-2"});

  // The same request again: the first answer (its balance then), nothing changes.
  EXPECT_EQ(ledger_.deposit({a, 500, "d-1"}), first);
  EXPECT_EQ(balance(a), 600);
  // The same request_id for something else: refused, nothing changes.
  EXPECT_EQ(code_of(ledger_.deposit({a, 501, "d-1"})), ErrorCode::idempotency_conflict);
  EXPECT_EQ(balance(a), 600);
  EXPECT_EQ(store_.commits, 2);
}

TEST_F(LedgerUseCases, ARefusedRequestClaimsNothing) {
  const auto a = open();
  const auto b = open();
  const domain::TransferRequest request{a, b, 100, "EUR", "tr-1", std::nullopt};
  EXPECT_EQ(code_of(ledger_.transfer(request)), ErrorCode::insufficient_funds);
  EXPECT_EQ(store_.commits, 0) << "a refusal must not commit anything";

  (void)ledger_.deposit({a, 100, "d-1"});
  EXPECT_TRUE(std::holds_alternative<domain::Transfer>(ledger_.transfer(request)))
      << "the same request_id may be retried once the account is funded";
  EXPECT_EQ(balance(a), 0);
  EXPECT_EQ(balance(b), 100);
}

// docs/workload.md puts the idempotency check before the accounts' existence.
TEST_F(LedgerUseCases, IdempotencyConflictComesBeforeMissingAccounts) {
  const auto a = open();
  const auto b = open();
  (void)ledger_.deposit({a, 100, "d-1"});
  ASSERT_TRUE(std::holds_alternative<domain::Transfer>(
      ledger_.transfer({a, b, 10, "EUR", "tr-1", std::nullopt})));
  EXPECT_EQ(code_of(ledger_.transfer({a, "ghost", 10, "EUR", "tr-1", std::nullopt})),
            ErrorCode::idempotency_conflict);
  EXPECT_EQ(code_of(ledger_.transfer({a, "ghost", 10, "EUR", "tr-2", std::nullopt})),
            ErrorCode::account_not_found);
}

TEST_F(LedgerUseCases, RequestIdsAreScopedPerOperation) {
  const auto a = open();
  const auto b = open();
  (void)ledger_.deposit({a, 100, "same"});
  EXPECT_TRUE(std::holds_alternative<domain::Transfer>(
      ledger_.transfer({a, b, 10, "EUR", "same", std::nullopt})));
}

TEST_F(LedgerUseCases, TransactionsAreNewestFirst) {
  const auto a = open();
  const auto b = open();
  (void)ledger_.deposit({a, 100, "d-1"});
  (void)ledger_.transfer({a, b, 30, "EUR", "tr-1", "rent"});
  auto lines = std::get<std::vector<domain::Transaction>>(ledger_.list_transactions(a, 20));
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0].kind, domain::TransactionKind::transfer_out);
  EXPECT_EQ(lines[0].balance_after, 70);
  EXPECT_EQ(lines[0].counterparty, b);
  EXPECT_EQ(lines[0].memo, "rent");
  EXPECT_EQ(lines[1].kind, domain::TransactionKind::deposit);
  EXPECT_EQ(std::get<std::vector<domain::Transaction>>(ledger_.list_transactions(a, 1)).size(), 1U);
  EXPECT_EQ(code_of(ledger_.list_transactions("nope", 20)), ErrorCode::account_not_found);
}

// As in the baseline, an id is taken only by a request that succeeds: refusals, conflicts and
// replays use up no number, so the next success gets the next one.
TEST_F(LedgerUseCases, IdsAreTakenOnlyBySuccesses) {
  const auto a = open();                                       // acc-1
  EXPECT_EQ(code_of(ledger_.create_account({"Ada", "euro"})),  // refused
            ErrorCode::invalid_currency);
  const auto b = open();
  EXPECT_EQ(b, "acc-2");

  EXPECT_EQ(code_of(ledger_.deposit({"ghost", 100, "d-0"})), ErrorCode::account_not_found);
  const auto first = std::get<domain::Deposit>(ledger_.deposit({a, 100, "d-1"}));
  EXPECT_EQ(first.id, "dep-1");
  EXPECT_EQ(std::get<domain::Deposit>(ledger_.deposit({a, 100, "d-1"})).id, "dep-1");  // replay
  EXPECT_EQ(code_of(ledger_.deposit({a, 5, "d-1"})), ErrorCode::idempotency_conflict);
  EXPECT_EQ(std::get<domain::Deposit>(ledger_.deposit({a, 100, "d-2"})).id, "dep-2");

  const domain::TransferRequest transfer{a, b, 150, "EUR", "t-1", std::nullopt};
  EXPECT_EQ(code_of(ledger_.transfer({a, b, 1000, "EUR", "t-0", std::nullopt})),
            ErrorCode::insufficient_funds);
  EXPECT_EQ(std::get<domain::Transfer>(ledger_.transfer(transfer)).id, "tr-1");
  EXPECT_EQ(std::get<domain::Transfer>(ledger_.transfer(transfer)).id, "tr-1");  // replay
  EXPECT_EQ(std::get<domain::Transfer>(ledger_.transfer({b, a, 1, "EUR", "t-2", std::nullopt})).id,
            "tr-2");
}

TEST(LedgerFailures, AStoreFailureMidWriteChangesNothing) {
  adapters::MemoryStore memory;
  adapters::SequentialIdGenerator ids;
  Ledger setup(memory, ids);
  const auto a = std::get<domain::Account>(setup.create_account({"Ada", "EUR"})).id;
  const auto b = std::get<domain::Account>(setup.create_account({"Bob", "EUR"})).id;
  (void)setup.deposit({a, 100, "d-1"});

  // The same memory, seen through units of work that fail halfway.
  FailingStore failing(memory);
  Ledger ledger(failing, ids);

  EXPECT_THROW((void)ledger.transfer({a, b, 60, "EUR", "tr-1", std::nullopt}), std::runtime_error);
  EXPECT_EQ(memory.find_account(a)->balance, 100);
  EXPECT_EQ(memory.find_account(b)->balance, 0);
  EXPECT_EQ(memory.recent_transactions(b, 20)->size(), 0U);
  // Nor was the request_id claimed: the retry through a healthy store succeeds.
  EXPECT_TRUE(std::holds_alternative<domain::Transfer>(
      setup.transfer({a, b, 60, "EUR", "tr-1", std::nullopt})));
}

}  // namespace
}  // namespace archbench::hexagonal::application
