#include "hexagonal/tests/store_contract.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

#include "hexagonal/adapters/ids/sequential_id_generator.hpp"
#include "hexagonal/application/ledger.hpp"

// Optionals are read with .value(), never with -> or *: a store that answers nullopt must fail
// the test (std::bad_optional_access), not crash it.
namespace archbench::hexagonal::contract {

using domain::Account;
using domain::Money;
using domain::Operation;
using domain::Transaction;
using domain::TransactionKind;

namespace {

domain::Money balance_of(ports::LedgerStore& store, std::string_view id) {
  return store.find_account(id).value().balance;
}

// The use cases over the store under test, with predictable ids.
class Bank {
 public:
  explicit Bank(ports::LedgerStore& store) : ledger(store, ids) {}
  std::string open(std::string currency = "EUR") {
    return std::get<Account>(ledger.create_account({"Ada", std::move(currency)})).id;
  }
  void fund(const std::string& id, Money amount) {
    ASSERT_TRUE(std::holds_alternative<domain::Deposit>(
        ledger.deposit({id, amount, "fund-" + id + "-" + std::to_string(amount)})));
  }
  adapters::SequentialIdGenerator ids;
  application::Ledger ledger;
};

}  // namespace

std::optional<domain::IdempotencyRecord> read_record(ports::LedgerStore& store, Operation operation,
                                                     std::string_view request_id) {
  std::optional<domain::IdempotencyRecord> found;
  store.atomically([&](ports::UnitOfWork& unit) {
    found = unit.find_idempotency_record(operation, request_id);
    return false;
  });
  return found;
}

void expect_history_chains(ports::LedgerStore& store, const std::string& account_id) {
  const auto lines = store.recent_transactions(account_id, 1000).value();
  Money after_older = 0;
  for (auto line = lines.rbegin(); line != lines.rend(); ++line) {  // oldest first
    const Money change = line->kind == TransactionKind::transfer_out ? -line->amount : line->amount;
    EXPECT_EQ(line->balance_after, after_older + change)
        << "account " << account_id << " line " << line->id;
    after_older = line->balance_after;
  }
  EXPECT_EQ(after_older, store.find_account(account_id).value().balance)
      << "account " << account_id;
}

void knows_the_highest_numbered_ids(ports::LedgerStore& store) {
  EXPECT_EQ(store.highest_id_number("acc-"), 0U) << "an empty store";
  for (const char* id :
       {"acc-3", "acc-12", "acc-9", "acc-", "acc-1x", "acc-5f0c9e2a41d7b3c86e1f0a92",
        "acc-99999999999999999999999", "xacc-40", "other-77"}) {
    store.add_account({id, "Ada", "EUR", 0});
  }
  store.atomically([](ports::UnitOfWork& unit) {
    unit.set_balance("acc-3", 10);
    unit.append_transaction("acc-3", {"dep-7", TransactionKind::deposit, 10, 10, {}, {}});
    unit.append_transaction("acc-3", {"tr-41", TransactionKind::transfer_out, 1, 9, "acc-9", {}});
    unit.append_transaction("acc-9", {"tr-41", TransactionKind::transfer_in, 1, 1, "acc-3", {}});
    unit.append_transaction("acc-9", {"dep-2", TransactionKind::deposit, 10, 11, {}, {}});
    return true;
  });
  // Only `prefix` + digits counts: not a random id, not a number too big for 64 bits.
  EXPECT_EQ(store.highest_id_number("acc-"), 12U);
  EXPECT_EQ(store.highest_id_number("dep-"), 7U);
  EXPECT_EQ(store.highest_id_number("tr-"), 41U);
  EXPECT_EQ(store.highest_id_number("other-"), 77U);
  EXPECT_EQ(store.highest_id_number("none-"), 0U);

  // What it is for: sequential ids over this store continue after the ones it holds.
  adapters::SequentialIdGenerator ids(store);
  EXPECT_EQ(ids.next_id(ports::IdKind::account), "acc-13");
  EXPECT_EQ(ids.next_id(ports::IdKind::deposit), "dep-8");
  EXPECT_EQ(ids.next_id(ports::IdKind::transfer), "tr-42");
}

void adds_and_finds_accounts(ports::LedgerStore& store) {
  const Account ada{"a1", "Ada Lovelace", "EUR", 0};
  store.add_account(ada);
  EXPECT_EQ(store.find_account("a1"), ada);
  EXPECT_EQ(store.find_account("a2"), std::nullopt);
  EXPECT_EQ(store.recent_transactions("a1", 20), std::vector<Transaction>{});
  EXPECT_EQ(store.recent_transactions("a2", 20), std::nullopt);
}

void keeps_every_byte_of_every_string(ports::LedgerStore& store) {
  const std::string odd = std::string("quote\" back\\slash\nnew line, é ☃, nul:") + '\0' + "end";
  store.add_account({"a1", odd, "EUR", 0});
  EXPECT_EQ(store.find_account("a1").value().owner, odd);

  const Transaction line{"t1", TransactionKind::transfer_in, 5, 5, "a0", odd};
  const domain::IdempotencyRecord record{odd, "t1", 0};
  store.atomically([&](ports::UnitOfWork& unit) {
    unit.set_balance("a1", 5);
    unit.append_transaction("a1", line);
    unit.save_idempotency_record(Operation::transfer, odd, record);
    return true;
  });
  EXPECT_EQ(store.recent_transactions("a1", 20).value().at(0), line);
  EXPECT_EQ(read_record(store, Operation::transfer, odd), record);
}

void a_committed_unit_writes_everything(ports::LedgerStore& store) {
  store.add_account({"a1", "Ada", "EUR", 0});
  const Transaction line{"d1", TransactionKind::deposit, 70, 70, std::nullopt, std::nullopt};
  store.atomically([&](ports::UnitOfWork& unit) {
    EXPECT_EQ(unit.find_account("a1").value().balance, 0);
    EXPECT_EQ(unit.find_idempotency_record(Operation::deposit, "d-1"), std::nullopt);
    unit.set_balance("a1", 70);
    unit.append_transaction("a1", line);
    unit.save_idempotency_record(Operation::deposit, "d-1", {"fp", "d1", 70});
    return true;
  });
  EXPECT_EQ(balance_of(store, "a1"), 70);
  EXPECT_EQ(store.recent_transactions("a1", 20), std::vector<Transaction>{line});
  EXPECT_EQ(read_record(store, Operation::deposit, "d-1"),
            (domain::IdempotencyRecord{"fp", "d1", 70}));
}

void a_discarded_or_failed_unit_writes_nothing(ports::LedgerStore& store) {
  store.add_account({"a1", "Ada", "EUR", 0});
  auto write_everything = [](ports::UnitOfWork& unit) {
    unit.set_balance("a1", 70);
    unit.append_transaction("a1", {"d1", TransactionKind::deposit, 70, 70, {}, {}});
    unit.save_idempotency_record(Operation::deposit, "d-1", {"fp", "d1", 70});
  };
  store.atomically([&](ports::UnitOfWork& unit) {
    write_everything(unit);
    return false;
  });
  EXPECT_THROW(store.atomically([&](ports::UnitOfWork& unit) -> bool {
    write_everything(unit);
    throw std::runtime_error("the application failed mid-unit");
  }),
               std::runtime_error);

  EXPECT_EQ(balance_of(store, "a1"), 0);
  EXPECT_EQ(store.recent_transactions("a1", 20), std::vector<Transaction>{});
  EXPECT_EQ(read_record(store, Operation::deposit, "d-1"), std::nullopt);
  // And the store still works afterwards (a failed unit must not poison a connection).
  store.atomically([&](ports::UnitOfWork& unit) {
    write_everything(unit);
    return true;
  });
  EXPECT_EQ(balance_of(store, "a1"), 70);
}

void history_is_newest_first_and_limited(ports::LedgerStore& store) {
  store.add_account({"a1", "Ada", "EUR", 0});
  for (int i = 1; i <= 5; ++i) {
    store.atomically([&](ports::UnitOfWork& unit) {
      unit.append_transaction("a1", {"d" + std::to_string(i), TransactionKind::deposit, 1, i,
                                     std::nullopt, std::nullopt});
      return true;
    });
  }
  const auto three = store.recent_transactions("a1", 3).value();
  ASSERT_EQ(three.size(), 3U);
  EXPECT_EQ(three[0].id, "d5");
  EXPECT_EQ(three[1].id, "d4");
  EXPECT_EQ(three[2].id, "d3");
  EXPECT_EQ(store.recent_transactions("a1", 1000).value().size(), 5U);
}

void idempotency_records_are_scoped_by_operation(ports::LedgerStore& store) {
  store.atomically([&](ports::UnitOfWork& unit) {
    unit.save_idempotency_record(Operation::deposit, "r-1", {"fp", "d1", 5});
    return true;
  });
  EXPECT_EQ(read_record(store, Operation::deposit, "r-1"),
            (domain::IdempotencyRecord{"fp", "d1", 5}));
  EXPECT_EQ(read_record(store, Operation::transfer, "r-1"), std::nullopt);
}

void deposits_credit_and_chain(ports::LedgerStore& store) {
  Bank bank(store);
  const auto a = bank.open();
  for (Money amount : {100, 250, 1}) bank.fund(a, amount);
  EXPECT_EQ(balance_of(store, a), 351);
  expect_history_chains(store, a);
}

void a_transfer_moves_money_on_both_sides(ports::LedgerStore& store) {
  Bank bank(store);
  const auto a = bank.open();
  const auto b = bank.open();
  bank.fund(a, 1000);
  auto done = bank.ledger.transfer({a, b, 300, "EUR", "tr-1", "rent"});
  ASSERT_TRUE(std::holds_alternative<domain::Transfer>(done));
  EXPECT_EQ(balance_of(store, a), 700);
  EXPECT_EQ(balance_of(store, b), 300);
  const auto in = store.recent_transactions(b, 20).value().at(0);
  EXPECT_EQ(in, (Transaction{std::get<domain::Transfer>(done).id, TransactionKind::transfer_in, 300,
                             300, a, "rent"}));
  expect_history_chains(store, a);
  expect_history_chains(store, b);
}

void insufficient_funds_leaves_both_unchanged(ports::LedgerStore& store) {
  Bank bank(store);
  const auto a = bank.open();
  const auto b = bank.open();
  bank.fund(a, 100);
  const domain::TransferRequest request{a, b, 101, "EUR", "tr-1", std::nullopt};
  auto refused = bank.ledger.transfer(request);
  ASSERT_TRUE(std::holds_alternative<domain::Error>(refused));
  EXPECT_EQ(std::get<domain::Error>(refused).code, domain::ErrorCode::insufficient_funds);
  EXPECT_EQ(balance_of(store, a), 100);
  EXPECT_EQ(balance_of(store, b), 0);
  EXPECT_EQ(store.recent_transactions(a, 20).value().size(), 1U);
  EXPECT_EQ(store.recent_transactions(b, 20).value().size(), 0U);
  EXPECT_EQ(read_record(store, Operation::transfer, "tr-1"), std::nullopt)
      << "a refusal claims nothing";
}

void a_retry_replays_and_a_reuse_conflicts(ports::LedgerStore& store) {
  Bank bank(store);
  const auto a = bank.open();
  const auto b = bank.open();
  bank.fund(a, 100);
  const domain::TransferRequest request{a, b, 40, "EUR", "tr-1", std::nullopt};
  const auto first = bank.ledger.transfer(request);
  ASSERT_TRUE(std::holds_alternative<domain::Transfer>(first));
  EXPECT_EQ(bank.ledger.transfer(request), first);
  auto reused = request;
  reused.amount = 41;
  auto conflict = bank.ledger.transfer(reused);
  ASSERT_TRUE(std::holds_alternative<domain::Error>(conflict));
  EXPECT_EQ(std::get<domain::Error>(conflict).code, domain::ErrorCode::idempotency_conflict);
  EXPECT_EQ(balance_of(store, a), 60);
  EXPECT_EQ(balance_of(store, b), 40);
}

void concurrent_transfers_conserve_money(ports::LedgerStore& store) {
  Bank bank(store);
  constexpr int kAccounts = 4;
  constexpr int kThreads = 4;
  constexpr int kTransfersPerThread = 150;
  constexpr Money kInitial = 1000;
  std::vector<std::string> accounts;
  for (int i = 0; i < kAccounts; ++i) {
    accounts.push_back(bank.open());
    bank.fund(accounts.back(), kInitial);
  }

  const auto started = std::chrono::steady_clock::now();
  std::atomic<int> completed = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 random(static_cast<unsigned>(t));
      std::uniform_int_distribution<int> pick(0, kAccounts - 1);
      std::uniform_int_distribution<Money> amount(1, 400);
      for (int i = 0; i < kTransfersPerThread; ++i) {
        const int from = pick(random);
        const int to = (from + 1 + pick(random) % (kAccounts - 1)) % kAccounts;
        try {
          auto outcome =
              bank.ledger.transfer({accounts[from], accounts[to], amount(random), "EUR",
                                    std::to_string(t) + "-" + std::to_string(i), std::nullopt});
          if (std::holds_alternative<domain::Transfer>(outcome)) {
            ++completed;
          } else {
            EXPECT_EQ(std::get<domain::Error>(outcome).code, domain::ErrorCode::insufficient_funds);
          }
        } catch (const std::exception& failure) {  // a store error must fail the test, not abort
          ADD_FAILURE() << failure.what();
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const auto elapsed =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started);

  Money total = 0;
  std::size_t lines = 0;
  for (const auto& id : accounts) {
    const Money balance = balance_of(store, id);
    EXPECT_GE(balance, 0) << id;
    total += balance;
    lines += store.recent_transactions(id, 1000).value().size();
    expect_history_chains(store, id);
  }
  EXPECT_EQ(total, kAccounts * kInitial) << "money was created or lost";
  EXPECT_EQ(lines, static_cast<std::size_t>(kAccounts + 2 * completed.load()));
  EXPECT_GT(completed.load(), 0);
  std::cout << "  " << kThreads * kTransfersPerThread << " transfers (" << completed.load()
            << " completed) in " << elapsed.count() << " ms\n";
}

void concurrent_retries_apply_once(ports::LedgerStore& store) {
  Bank bank(store);
  const auto a = bank.open();
  const auto b = bank.open();
  bank.fund(a, 100);
  const domain::TransferRequest request{a, b, 10, "EUR", "tr-same", std::nullopt};
  std::vector<domain::Outcome<domain::Transfer>> outcomes(8);
  std::vector<std::thread> threads;
  for (auto& outcome : outcomes) {
    threads.emplace_back([&] {
      try {
        outcome = bank.ledger.transfer(request);
      } catch (const std::exception& failure) {
        ADD_FAILURE() << failure.what();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& outcome : outcomes) EXPECT_EQ(outcome, outcomes.front());
  EXPECT_EQ(balance_of(store, a), 90);
  EXPECT_EQ(balance_of(store, b), 10);
}

}  // namespace archbench::hexagonal::contract
