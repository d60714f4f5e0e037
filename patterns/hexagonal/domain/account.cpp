#include "hexagonal/domain/account.hpp"

#include <utility>

namespace archbench::hexagonal::domain {

Outcome<Account> create_account(NewAccount request, const NewId& new_id) {
  if (!is_valid_currency(request.currency)) {
    return Error{ErrorCode::invalid_currency,
                 "currency must be three uppercase letters, not \"" + request.currency + "\""};
  }
  return Account{new_id(), std::move(request.owner), std::move(request.currency), 0};
}

Error account_not_found(std::string_view id) {
  return Error{ErrorCode::account_not_found, "account " + std::string(id) + " does not exist"};
}

}  // namespace archbench::hexagonal::domain
