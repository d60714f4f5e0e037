// The boundary between the two contexts, on the Statements side (an anti-corruption layer):
// it hears the Ledger's published events (ddd/ledger/events.hpp, the only Ledger file that
// Statements may include) and writes them in Statements' own words. One TransferCompleted
// becomes two lines, a transfer_out on the payer's statement and a transfer_in on the payee's.
#pragma once

#include "ddd/ledger/events.hpp"
#include "ddd/statements/statements.hpp"

namespace archbench::ddd::statements {

class LedgerTranslator final : public ledger::EventSubscriber {
 public:
  explicit LedgerTranslator(Statements& statements) noexcept : statements_(statements) {}

  void on(const ledger::AccountOpened& event) override;
  void on(const ledger::FundsDeposited& event) override;
  void on(const ledger::TransferCompleted& event) override;

 private:
  // The statement of an account the Ledger announced (AccountOpened comes first).
  Statement& statement_of(const AccountId& account);

  Statements& statements_;
};

}  // namespace archbench::ddd::statements
