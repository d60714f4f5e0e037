// The ledger's use cases: what a client can ask of the ledger, whatever carried the request
// (HTTP today) and wherever the state lives (memory, SQLite, Redis). They carry the names of
// the contract's operations (and of the baseline's functions): create_account, get_account,
// deposit, list_transactions, transfer. (transfer_batch is transfer, item by item: the HTTP
// adapter's loop.)
//
// Ids are taken from the IdGenerator port only by requests the rules accept: a refusal or a
// replay uses up none, as in the baseline.
//
// Each use case runs the domain's rules against the driven ports it was given. It knows
// nothing of JSON, HTTP, SQL or Redis; swapping the store is a change to the composition root,
// never to this file.
#pragma once

#include <string_view>
#include <vector>

#include "hexagonal/domain/account.hpp"
#include "hexagonal/domain/deposit.hpp"
#include "hexagonal/domain/error.hpp"
#include "hexagonal/domain/transaction.hpp"
#include "hexagonal/domain/transfer.hpp"
#include "hexagonal/ports/id_generator.hpp"
#include "hexagonal/ports/ledger_store.hpp"

namespace archbench::hexagonal::application {

class Ledger {
 public:
  // Both ports must outlive the Ledger. Thread-safe if they are.
  Ledger(ports::LedgerStore& store, ports::IdGenerator& ids) noexcept : store_(store), ids_(ids) {}

  [[nodiscard]] domain::Outcome<domain::Account> create_account(domain::NewAccount request);
  [[nodiscard]] domain::Outcome<domain::Account> get_account(std::string_view id);
  [[nodiscard]] domain::Outcome<domain::Deposit> deposit(const domain::DepositRequest& request);
  // The account's newest `limit` lines, newest first (the caller checked the limit).
  [[nodiscard]] domain::Outcome<std::vector<domain::Transaction>> list_transactions(
      std::string_view account_id, int limit);
  [[nodiscard]] domain::Outcome<domain::Transfer> transfer(const domain::TransferRequest& request);

 private:
  ports::LedgerStore& store_;
  ports::IdGenerator& ids_;
};

}  // namespace archbench::hexagonal::application
