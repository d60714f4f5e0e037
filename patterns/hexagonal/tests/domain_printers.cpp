#include "hexagonal/tests/domain_printers.hpp"

#include <ostream>

namespace archbench::hexagonal::domain {
namespace {

const char* name(TransactionKind kind) {
  switch (kind) {
    case TransactionKind::deposit:
      return "deposit";
    case TransactionKind::transfer_in:
      return "transfer_in";
    case TransactionKind::transfer_out:
      return "transfer_out";
  }
  return "?";
}

const char* name(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_amount:
      return "invalid_amount";
    case ErrorCode::invalid_currency:
      return "invalid_currency";
    case ErrorCode::same_account:
      return "same_account";
    case ErrorCode::idempotency_conflict:
      return "idempotency_conflict";
    case ErrorCode::account_not_found:
      return "account_not_found";
    case ErrorCode::currency_mismatch:
      return "currency_mismatch";
    case ErrorCode::insufficient_funds:
      return "insufficient_funds";
  }
  return "?";
}

}  // namespace

void PrintTo(const Account& account, std::ostream* out) {
  *out << "Account{" << account.id << ", owner " << account.owner << ", " << account.currency
       << ", balance " << account.balance << "}";
}

void PrintTo(const Deposit& deposit, std::ostream* out) {
  *out << "Deposit{" << deposit.id << " to " << deposit.account << ", " << deposit.amount
       << ", balance " << deposit.balance << "}";
}

void PrintTo(const Transfer& transfer, std::ostream* out) {
  *out << "Transfer{" << transfer.id << ", " << transfer.from << " -> " << transfer.to << ", "
       << transfer.amount << " " << transfer.currency << "}";
}

void PrintTo(const Transaction& line, std::ostream* out) {
  *out << "Transaction{" << line.id << ", " << name(line.kind) << ", " << line.amount
       << ", balance_after " << line.balance_after;
  if (line.counterparty) *out << ", counterparty " << *line.counterparty;
  if (line.memo) *out << ", memo \"" << *line.memo << "\"";
  *out << "}";
}

void PrintTo(const IdempotencyRecord& record, std::ostream* out) {
  *out << "IdempotencyRecord{fingerprint \"" << record.fingerprint << "\", result "
       << record.result_id << ", balance " << record.balance << "}";
}

void PrintTo(const Error& error, std::ostream* out) {
  *out << "Error{" << name(error.code) << ", \"" << error.message << "\"}";
}

}  // namespace archbench::hexagonal::domain
