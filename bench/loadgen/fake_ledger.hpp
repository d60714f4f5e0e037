// A small in-memory ledger behind TestServer, speaking just enough of docs/workload.md for the
// load generator's setup, run and invariant check, with switches to make it wrong on purpose.
#pragma once

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
};

class FakeLedger {
 public:
  explicit FakeLedger(FakeLedgerFaults faults = {});
  [[nodiscard]] std::uint16_t port() const { return server_->port(); }

 private:
  TestResponse handle(const TestRequest& request);

  FakeLedgerFaults faults_;
  std::mutex mutex_;
  std::map<std::string, std::int64_t> balances_;
  std::int64_t next_id_ = 0;
  std::int64_t deposits_ = 0;
  std::unique_ptr<TestServer> server_;  // last: stopped before the state its handler uses
};

}  // namespace archbench::loadgen::testing
