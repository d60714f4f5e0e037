// LedgerExpectation: additions into per-account counters; see ledger_expectation.hpp.
#include "loadgen/ledger_expectation.hpp"

namespace archbench::loadgen {

LedgerExpectation::LedgerExpectation(std::size_t accounts)
    : change_(accounts), maybe_credit_(accounts), maybe_debit_(accounts) {}

void LedgerExpectation::deposited(std::size_t account, std::int64_t amount) {
  change_[account] += amount;
  deposits_total_ += amount;
  ++acknowledged_;
}

void LedgerExpectation::transferred(const TransferItem& transfer) {
  change_[transfer.from] -= transfer.amount;
  change_[transfer.to] += transfer.amount;
  ++acknowledged_;
}

void LedgerExpectation::maybe_deposited(std::size_t account, std::int64_t amount) {
  maybe_credit_[account] += amount;
  deposits_in_doubt_ += amount;
  ++unknown_operations_;
}

void LedgerExpectation::maybe_transferred(const TransferItem& transfer) {
  maybe_debit_[transfer.from] += transfer.amount;
  maybe_credit_[transfer.to] += transfer.amount;
  ++unknown_operations_;
}

void LedgerExpectation::unknown(const GeneratedRequest& request) {
  switch (request.endpoint) {
    case Endpoint::deposit:
      maybe_deposited(request.account, request.deposit_amount);
      break;
    case Endpoint::transfer:
    case Endpoint::transfer_batch:
      for (const TransferItem& transfer : request.transfers) {
        maybe_transferred(transfer);
      }
      break;
    case Endpoint::get_account:
    case Endpoint::list_transactions:
    case Endpoint::health:
      return;  // reads change nothing
  }
  ++unknown_requests_;
}

void LedgerExpectation::merge(const LedgerExpectation& other) {
  if (change_.size() < other.change_.size()) {
    change_.resize(other.change_.size());
    maybe_credit_.resize(other.change_.size());
    maybe_debit_.resize(other.change_.size());
  }
  for (std::size_t a = 0; a < other.change_.size(); ++a) {
    change_[a] += other.change_[a];
    maybe_credit_[a] += other.maybe_credit_[a];
    maybe_debit_[a] += other.maybe_debit_[a];
  }
  deposits_total_ += other.deposits_total_;
  deposits_in_doubt_ += other.deposits_in_doubt_;
  unknown_requests_ += other.unknown_requests_;
  unknown_operations_ += other.unknown_operations_;
  acknowledged_ += other.acknowledged_;
}

}  // namespace archbench::loadgen
