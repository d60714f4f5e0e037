#include "ddd/statements/ledger_translator.hpp"

#include <stdexcept>

namespace archbench::ddd::statements {

Statement& LedgerTranslator::statement_of(const AccountId& account) {
  Statement* statement = statements_.find(account);
  // The Ledger publishes AccountOpened before any movement of that account: a bug otherwise.
  if (statement == nullptr) throw std::logic_error("an event for an account never opened");
  return *statement;
}

void LedgerTranslator::on(const ledger::AccountOpened& event) { statements_.open(event.account); }

void LedgerTranslator::on(const ledger::FundsDeposited& event) {
  statement_of(event.account)
      .append({.reference = Reference(event.deposit.text()),
               .kind = EntryKind::deposit,
               .amount = event.amount,
               .balance_after = event.balance_after,
               .counterparty = std::nullopt,
               .memo = std::nullopt});
}

void LedgerTranslator::on(const ledger::TransferCompleted& event) {
  const Amount amount = event.money.amount();
  statement_of(event.from)
      .append({.reference = Reference(event.transfer.text()),
               .kind = EntryKind::transfer_out,
               .amount = amount,
               .balance_after = event.from_balance_after,
               .counterparty = event.to,
               .memo = event.memo});
  statement_of(event.to).append({.reference = Reference(event.transfer.text()),
                                 .kind = EntryKind::transfer_in,
                                 .amount = amount,
                                 .balance_after = event.to_balance_after,
                                 .counterparty = event.from,
                                 .memo = event.memo});
}

}  // namespace archbench::ddd::statements
