// The two conversations with the ledger around a measured run, through its public API only so
// that they work against every backend: before, create and fund the run's accounts; after, read
// every balance back and check the ledger's invariant (money is neither created nor lost).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "loadgen/target.hpp"
#include "loadgen/workload.hpp"

namespace archbench::loadgen {

struct SetupResult {
  std::vector<std::string> account_ids;  // in creation order: key k of the workload is ids[k]
  double seconds = 0;
  std::int64_t requests = 0;
};

// POST /accounts w.accounts times, then one deposit of w.initial_balance into each (skipped when
// it is 0), pipelined over many connections. request_ids and owners carry run_tag. Throws
// std::runtime_error naming the first unexpected answer.
SetupResult create_accounts(const Target& target, const Workload& w, const std::string& run_tag);

struct InvariantCheck {
  bool checked = false;  // false when the workload touches no account (nothing to check)
  bool ok = true;
  std::int64_t accounts = 0;
  std::int64_t initial_total = 0;      // accounts x initial_balance
  std::int64_t deposits_total = 0;     // amounts of the run's deposits answered 201
  std::int64_t deposits_in_doubt = 0;  // deposits sent but never answered (timeouts, resets)
  std::int64_t expected_total = 0;     // initial_total + deposits_total
  std::int64_t actual_total = 0;       // sum of the balances read back
  std::int64_t negative_balances = 0;
  std::int64_t unreadable_accounts = 0;  // GET /accounts/{id} not 200 or without a balance
  std::string message;                   // one line for the summary
};

// Reads every account back with GET /accounts/{id}. The invariant holds when the sum of the
// balances is expected_total exactly, or, when some deposits are in doubt, lies between
// expected_total and expected_total + deposits_in_doubt; and no balance is negative.
InvariantCheck check_ledger_invariant(const Target& target,
                                      const std::vector<std::string>& account_ids,
                                      std::int64_t initial_balance, std::int64_t deposits_total,
                                      std::int64_t deposits_in_doubt);

}  // namespace archbench::loadgen
