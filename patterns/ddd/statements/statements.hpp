// The Statements context's repository: one Statement per account it has heard of. It learns
// of accounts and their movements only through the Ledger's published events, translated by
// ledger_translator.hpp; it never reads the Ledger's accounts.
//
// Single-threaded: the edge runs it behind the same mutex as the Ledger.
#pragma once

#include <unordered_map>

#include "ddd/kernel/names.hpp"
#include "ddd/statements/statement.hpp"

namespace archbench::ddd::statements {

class Statements {
 public:
  // A new, empty statement for `account` (no effect if it already has one).
  void open(const AccountId& account) { statements_.try_emplace(account); }

  // nullptr when no statement is kept for `account`.
  [[nodiscard]] Statement* find(const AccountId& account) {
    const auto it = statements_.find(account);
    return it == statements_.end() ? nullptr : &it->second;
  }
  [[nodiscard]] const Statement* find(const AccountId& account) const {
    const auto it = statements_.find(account);
    return it == statements_.end() ? nullptr : &it->second;
  }

 private:
  std::unordered_map<AccountId, Statement, AccountId::Hash> statements_;
};

}  // namespace archbench::ddd::statements
