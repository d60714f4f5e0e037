// What a client asks the Ledger to do, in the Ledger's types: a DepositOrder and a
// TransferOrder. Built only from valid parts, so an order that exists is well formed; the
// TransferOrder's factory adds the one rule that needs no state (from ≠ to). The Ledger keeps
// each successful order to recognise its retries (same request id, same order).
#pragma once

#include <optional>

#include "ddd/kernel/amount.hpp"
#include "ddd/kernel/money.hpp"
#include "ddd/kernel/names.hpp"
#include "ddd/kernel/refusal.hpp"
#include "ddd/ledger/names.hpp"

namespace archbench::ddd::ledger {

struct DepositOrder {
  AccountId account;
  Amount amount;
  RequestId request_id;
  bool operator==(const DepositOrder&) const = default;
};

class TransferOrder {
 public:
  // `same_account` when from = to (checked after the money, as the contract orders).
  [[nodiscard]] static Result<TransferOrder> place(AccountId from, AccountId to, Money money,
                                                   RequestId request_id, std::optional<Memo> memo) {
    if (from == to) return refusals::same_account(from.text());
    return TransferOrder(std::move(from), std::move(to), money, std::move(request_id),
                         std::move(memo));
  }

  [[nodiscard]] const AccountId& from() const noexcept { return from_; }
  [[nodiscard]] const AccountId& to() const noexcept { return to_; }
  [[nodiscard]] const Money& money() const noexcept { return money_; }
  [[nodiscard]] const RequestId& request_id() const noexcept { return request_id_; }
  [[nodiscard]] const std::optional<Memo>& memo() const noexcept { return memo_; }

  bool operator==(const TransferOrder&) const = default;

 private:
  TransferOrder(AccountId from, AccountId to, Money money, RequestId request_id,
                std::optional<Memo> memo) noexcept
      : from_(std::move(from)),
        to_(std::move(to)),
        money_(money),
        request_id_(std::move(request_id)),
        memo_(std::move(memo)) {}

  AccountId from_;
  AccountId to_;
  Money money_;
  RequestId request_id_;
  std::optional<Memo> memo_;
};

}  // namespace archbench::ddd::ledger
