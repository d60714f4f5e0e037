// The deposit rule: money enters an account from outside the ledger.
#pragma once

#include <optional>
#include <string>

#include "hexagonal/domain/account.hpp"
#include "hexagonal/domain/error.hpp"
#include "hexagonal/domain/money.hpp"
#include "hexagonal/domain/new_id.hpp"
#include "hexagonal/domain/transaction.hpp"

namespace archbench::hexagonal::domain {

struct DepositRequest {
  std::string account;  // from the path: part of what idempotency compares
  Money amount = 0;
  std::string request_id;
  bool operator==(const DepositRequest&) const = default;
};

struct Deposit {
  std::string id;
  std::string account;
  Money amount = 0;
  Money balance = 0;  // the account's balance right after this deposit
  bool operator==(const Deposit&) const = default;
};

// What a deposit changes: the account's balance (deposit.balance) and one line of history.
struct DepositPosting {
  Deposit deposit;
  Transaction line;
};

// The checks that need no stored state (the amount), made before the store is touched.
[[nodiscard]] std::optional<Error> check_deposit(const DepositRequest& request);

// The rest of the rule, for a request check_deposit() accepted (it is not checked again),
// given the account as the unit of work read it (nullopt: no such account): it exists and its
// balance stays within 64 bits. `new_id` names the deposit, once the rule accepted it.
[[nodiscard]] Outcome<DepositPosting> post_deposit(const DepositRequest& request,
                                                   const std::optional<Account>& account,
                                                   const NewId& new_id);

}  // namespace archbench::hexagonal::domain
