// An account of the ledger and the rule for opening one.
#pragma once

#include <string>
#include <string_view>

#include "hexagonal/domain/error.hpp"
#include "hexagonal/domain/money.hpp"
#include "hexagonal/domain/new_id.hpp"

namespace archbench::hexagonal::domain {

struct NewAccount {
  std::string owner;
  std::string currency;
  bool operator==(const NewAccount&) const = default;
};

struct Account {
  std::string id;
  std::string owner;
  std::string currency;
  Money balance = 0;
  bool operator==(const Account&) const = default;
};

// A new account holds a valid currency and starts empty. `new_id` names it, once the
// currency passed.
[[nodiscard]] Outcome<Account> create_account(NewAccount request, const NewId& new_id);

// The refusal for an id that names no account.
[[nodiscard]] Error account_not_found(std::string_view id);

}  // namespace archbench::hexagonal::domain
