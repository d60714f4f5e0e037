// The two conversations with the ledger around a measured run, through its public API only so
// that they work against every backend: before, create and fund the run's accounts; after, read
// every balance back and check it against what the server's answers promised.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "loadgen/ledger_expectation.hpp"
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

// One account whose balance is outside what the answers allow.
struct BalanceMismatch {
  std::string account;
  std::int64_t balance = 0;
  std::int64_t lowest = 0;  // the allowed range, inclusive
  std::int64_t highest = 0;
};

struct InvariantCheck {
  bool checked = false;  // false when the workload touches no account (nothing to check)
  bool ok = true;
  std::int64_t accounts = 0;
  std::int64_t initial_total = 0;      // accounts x initial_balance
  std::int64_t deposits_total = 0;     // amounts of the run's deposits answered 201
  std::int64_t deposits_in_doubt = 0;  // deposits of unknown outcome (timeouts, resets, 5xx)
  std::int64_t expected_total = 0;     // initial_total + deposits_total
  std::int64_t actual_total = 0;       // sum of the balances read back
  std::int64_t negative_balances = 0;
  std::int64_t unreadable_accounts = 0;  // GET /accounts/{id} not 200 or without a balance

  // Account by account: initial balance + every acknowledged deposit and transfer touching it.
  std::int64_t acknowledged_operations = 0;  // deposits, transfers and batch items answered 201
  std::int64_t accounts_outside_range = 0;   // balances the answers do not allow
  std::vector<BalanceMismatch> mismatches;   // the first kMaxListed of them
  // Requests whose outcome is unknown, and the accounts whose allowed range they widen.
  std::int64_t unknown_outcome_requests = 0;
  std::int64_t unknown_outcome_operations = 0;  // their deposits, transfers and batch items
  std::int64_t unknown_outcome_accounts = 0;
  std::vector<std::string> unknown_outcome_account_ids;  // the first kMaxListed of them
  std::string message;                                   // one line for the summary

  static constexpr std::size_t kMaxListed = 20;
};

// Reads every account back with GET /accounts/{id} and holds each balance to what the answers
// of the run imply (LedgerExpectation): it must lie in [initial + acknowledged changes - debits
// of unknown outcome, initial + acknowledged changes + credits of unknown outcome], exactly
// initial + acknowledged changes for an account no lost request touched. Also no balance is
// negative, and the sum lies in [expected_total, expected_total + deposits_in_doubt].
InvariantCheck check_ledger_invariant(const Target& target,
                                      const std::vector<std::string>& account_ids,
                                      std::int64_t initial_balance,
                                      const LedgerExpectation& expected);

}  // namespace archbench::loadgen
