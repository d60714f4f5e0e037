// A small in-memory ledger behind TestServer, speaking just enough of docs/workload.md for the
// load generator's setup, run and ledger check, with switches to make it wrong on purpose: the
// ways a backend can lie that the ledger check must catch.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "loadgen/test_server.hpp"

namespace archbench::loadgen::testing {

struct FakeLedgerFaults {
  bool transfers_create_money = false;  // credit the full amount but debit one unit less
  int deposit_500_every = 0;            // every n-th deposit answers 500 (0: never)
  bool deposits_do_nothing = false;     // answer 201, apply nothing
  bool transfers_do_nothing = false;    // answer 201, apply nothing (the sum stays right)
  bool credit_wrong_account = false;    // a transfer credits another account than `to`
  bool batch_applies_nothing = false;   // every batch item answered 201, none applied
  // Every n-th deposit is applied, then its connection dropped without an answer: an outcome
  // the load generator cannot know (0: never). With misapply_dropped, it is applied to another
  // account than the one asked: a lie that unknown outcomes must not excuse.
  int drop_deposit_every = 0;
  bool misapply_dropped = false;
  std::chrono::milliseconds delay{0};  // every answer waits this long first
};

class FakeLedger {
 public:
  explicit FakeLedger(FakeLedgerFaults faults = {});
  [[nodiscard]] std::uint16_t port() const { return server_->port(); }

 private:
  TestResponse handle(const TestRequest& request);
  TestResponse deposit(const std::string& id, const TestRequest& request);
  // One transfer body, applied (or refused) as POST /transfers would: the answer's status and
  // body. Caller holds the lock.
  std::pair<int, std::string> transfer(const std::string& body_text, bool in_batch);
  std::string other_account(const std::string& id) const;

  FakeLedgerFaults faults_;
  std::mutex mutex_;
  std::map<std::string, std::int64_t> balances_;
  std::int64_t next_id_ = 0;
  std::int64_t deposits_ = 0;
  std::unique_ptr<TestServer> server_;  // last: stopped before the state its handler uses
};

}  // namespace archbench::loadgen::testing
