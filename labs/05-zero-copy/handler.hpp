// Lab 05, steps 1 and 3, the specification: a request handler for two endpoints over Accounts
// that answers every successful request without allocating.
//
// The answers are the contract's (docs/workload.md), byte for byte what the shared codec's
// writers (patterns/common/ledger/json_codec.hpp) write for the same values:
//
//   GET /accounts/{id}            get_account(id)
//     200 the account: write_account_json(id, owner, currency, balance)
//     404 account_not_found, in the words of ledger::refusals::account_not_found(id)
//
//   POST /accounts/{id}/deposits  deposit(id, body)
//     checks in the contract's order, the first that fails answers:
//     400 bad_request          the body breaks deposit_parser.hpp's rules (message: the reason)
//     422 invalid_amount       amount outside [1, 10^12] (ledger::check_amount's words)
//     404 account_not_found    no such account
//     422 invalid_amount       the balance would overflow (ledger::refusals::balance_overflow)
//     201 the deposit: write_deposit_json("dep-<number>", account id, amount, balance after),
//         <number> the one Accounts::deposit returned.
//   (This lab leaves idempotency out: lab 03 is about it; the extension in README.md puts it
//   back without allocating.)
//
//   Errors are `{"error":{"code":...,"message":...}}` (write_error_json). A refusal may allocate
//   (it is rare, and its message is built from values); a 200 or a 201 may not, once the
//   handler has answered a few requests of that size.
#pragma once

#include <memory>
#include <string_view>

#include "accounts.hpp"
#include "body.hpp"

namespace archbench::lab05 {

class Handler {
 public:
  // `accounts` outlives the handler.
  explicit Handler(Accounts& accounts);
  ~Handler();
  Handler(const Handler&) = delete;
  Handler& operator=(const Handler&) = delete;

  [[nodiscard]] Answer get_account(std::string_view id);
  [[nodiscard]] Answer deposit(std::string_view account_id, PaddedBody body);

 private:
  struct State;  // yours: whatever the handler keeps from one request to the next (handler.cpp)
  Accounts& accounts_;
  std::unique_ptr<State> state_;
};

}  // namespace archbench::lab05
