// What the server's answers commit it to: for every account of the run, the range its balance
// must lie in after the run. An answer of 201 (or a batch item's 201) is a promise that the
// money moved; a refusal (4xx) that it did not; a request whose answer never came (timeout,
// reset) or came as a 5xx may have moved it or not, and widens the range of the accounts it
// touches, and only theirs. Kept per load thread (no lock), merged after the run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "loadgen/request_generator.hpp"

namespace archbench::loadgen {

// Money sums run in 128 bits: amounts go up to 10^12 and a run may hold millions of them, and
// a lying server may answer any 64-bit balance.
__extension__ using Money = __int128;

class LedgerExpectation {
 public:
  explicit LedgerExpectation(std::size_t accounts = 0);

  // The server acknowledged it: the money moved.
  void deposited(std::size_t account, std::int64_t amount);
  void transferred(const TransferItem& transfer);
  // The outcome is unknown: the money may have moved, or not.
  void maybe_deposited(std::size_t account, std::int64_t amount);
  void maybe_transferred(const TransferItem& transfer);
  // Every operation of `request` is of unknown outcome (it was lost, or answered 5xx).
  void unknown(const GeneratedRequest& request);

  void merge(const LedgerExpectation& other);

  [[nodiscard]] std::size_t accounts() const noexcept { return change_.size(); }
  // The allowed balance range of `account`, given what it started with.
  [[nodiscard]] Money lowest(std::size_t account, std::int64_t initial) const noexcept {
    return initial + change_[account] - maybe_debit_[account];
  }
  [[nodiscard]] Money highest(std::size_t account, std::int64_t initial) const noexcept {
    return initial + change_[account] + maybe_credit_[account];
  }
  [[nodiscard]] bool widened(std::size_t account) const noexcept {
    return maybe_debit_[account] != 0 || maybe_credit_[account] != 0;
  }

  // Ledger-wide: acknowledged deposits, and deposits of unknown outcome (transfers move money
  // between accounts and leave the total alone).
  [[nodiscard]] Money deposits_total() const noexcept { return deposits_total_; }
  [[nodiscard]] Money deposits_in_doubt() const noexcept { return deposits_in_doubt_; }
  // Requests (a batch counts once) and operations (a batch's items each) of unknown outcome.
  [[nodiscard]] std::int64_t unknown_requests() const noexcept { return unknown_requests_; }
  [[nodiscard]] std::int64_t unknown_operations() const noexcept { return unknown_operations_; }
  [[nodiscard]] std::int64_t acknowledged_operations() const noexcept { return acknowledged_; }

 private:
  std::vector<Money> change_;        // acknowledged credits minus debits
  std::vector<Money> maybe_credit_;  // credits of unknown outcome
  std::vector<Money> maybe_debit_;   // debits of unknown outcome
  Money deposits_total_ = 0;
  Money deposits_in_doubt_ = 0;
  std::int64_t unknown_requests_ = 0;
  std::int64_t unknown_operations_ = 0;
  std::int64_t acknowledged_ = 0;
};

}  // namespace archbench::loadgen
