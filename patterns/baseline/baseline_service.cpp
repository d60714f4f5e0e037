// The baseline ledger. Each operation reads like the contract in docs/workload.md: parse, check
// the rules that need no state, then take the one lock, check the rules that need the state,
// and apply. Parsing and the stateless checks run before the lock so that the critical section
// holds only map lookups and arithmetic.
//
// Not handled: running out of memory in the middle of an update (a std::bad_alloc after the
// first balance changed). Like most servers, the baseline treats that as fatal.
#include "baseline/baseline_service.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <utility>

#include "common/ledger/json_codec.hpp"

namespace archbench::baseline {
namespace {

// The contract's checks and refusals, in the words every backend uses (common/ledger/rules.hpp).
using ledger::check_amount;
using ledger::check_currency;
using ledger::Error;
using ledger::ErrorCode;
using ledger::Money;
using namespace ledger::refusals;  // account_not_found, insufficient_funds, ...

constexpr Money kMaxBalance = std::numeric_limits<Money>::max();

// The transfer rules that need no state, in the contract's order.
std::optional<Error> check_transfer(const ledger::TransferRequest& request) {
  if (auto error = check_amount(request.amount)) return error;
  if (auto error = check_currency(request.currency)) return error;
  if (request.from == request.to) return same_account(request.from);
  return std::nullopt;
}

// Sends `outcome`: its error, or `status` with the body `write` builds in a reused buffer.
template <class T, class Write>
void answer(ledger::Reply& reply, int status, const std::variant<T, Error>& outcome, Write write) {
  if (const auto* error = std::get_if<Error>(&outcome)) return reply.error(*error);
  std::string body = reply.take_buffer();
  write(std::get<T>(outcome), body);
  reply.send(status, std::move(body));
}

constexpr auto kWriteJson = [](const auto& value, std::string& out) {
  ledger::write_json(value, out);
};

}  // namespace

void BaselineService::handle(const ledger::Call& call, ledger::Reply reply) {
  using ledger::Route;
  switch (call.route) {
    case Route::create_account:
      return answer(reply, 201, create_account(call.body), kWriteJson);
    case Route::get_account:
      return answer(reply, 200, get_account(call.account_id), kWriteJson);
    case Route::deposit:
      return answer(reply, 201, deposit(call.account_id, call.body), kWriteJson);
    case Route::list_transactions:
      return answer(reply, 200, list_transactions(call.account_id, call.limit),
                    [&](const auto& lines, std::string& out) {
                      ledger::write_transactions_json(call.account_id, lines, out);
                    });
    case Route::transfer: {
      auto request = ledger::parse_transfer_request(call.body);
      if (const auto* error = std::get_if<Error>(&request)) return reply.error(*error);
      return answer(reply, 201, transfer(std::get<ledger::TransferRequest>(request)), kWriteJson);
    }
    case Route::transfer_batch:
      return answer(
          reply, 200, transfer_batch(call.body),
          [](const auto& results, std::string& out) { ledger::write_batch_json(results, out); });
    case Route::health:
    case Route::metrics:
    case Route::unknown:
      break;  // answered by the shared front, never handed to a service
  }
  reply.error(ErrorCode::internal_error, "the baseline does not serve this route");
}

auto BaselineService::create_account(std::string_view body) -> Outcome<ledger::Account> {
  auto parsed = ledger::parse_new_account(body);
  if (auto* error = std::get_if<Error>(&parsed)) return std::move(*error);
  auto& request = std::get<ledger::NewAccount>(parsed);
  if (auto error = check_currency(request.currency)) return *std::move(error);

  const std::lock_guard lock(mutex_);
  ledger::Account account{.id = "acc-" + std::to_string(next_account_++),
                          .owner = std::move(request.owner),
                          .currency = std::move(request.currency)};
  accounts_.emplace(account.id, AccountState{.account = account, .history = {}});
  return account;
}

auto BaselineService::get_account(std::string_view id) -> Outcome<ledger::Account> {
  const std::lock_guard lock(mutex_);
  const auto it = accounts_.find(id);
  if (it == accounts_.end()) return account_not_found(id);
  return it->second.account;
}

auto BaselineService::deposit(std::string_view account_id, std::string_view body)
    -> Outcome<ledger::Deposit> {
  auto parsed = ledger::parse_deposit_request(body);
  if (auto* error = std::get_if<Error>(&parsed)) return std::move(*error);
  const auto& request = std::get<ledger::DepositRequest>(parsed);
  if (auto error = check_amount(request.amount)) return *std::move(error);

  const std::lock_guard lock(mutex_);
  // A request_id seen before: the same deposit (to the same account) replays its first answer.
  if (const auto seen = deposits_.find(request.request_id); seen != deposits_.end()) {
    const DepositRecord& record = seen->second;
    if (record.account == account_id && record.request == request) return record.result;
    return idempotency_conflict(request.request_id);
  }
  const auto it = accounts_.find(account_id);
  if (it == accounts_.end()) return account_not_found(account_id);
  AccountState& state = it->second;
  if (state.account.balance > kMaxBalance - request.amount) {
    return balance_overflow(state.account.id);
  }

  state.account.balance += request.amount;
  ledger::Deposit deposit{.id = "dep-" + std::to_string(next_deposit_++),
                          .account = state.account.id,
                          .amount = request.amount,
                          .balance = state.account.balance};
  state.history.push_back({.id = deposit.id,
                           .kind = ledger::TransactionKind::deposit,
                           .amount = deposit.amount,
                           .balance_after = deposit.balance,
                           .counterparty = std::nullopt,
                           .memo = std::nullopt});
  deposits_.emplace(request.request_id, DepositRecord{state.account.id, request, deposit});
  return deposit;
}

auto BaselineService::list_transactions(std::string_view id, int limit)
    -> Outcome<std::vector<ledger::Transaction>> {
  const std::lock_guard lock(mutex_);
  const auto it = accounts_.find(id);
  if (it == accounts_.end()) return account_not_found(id);
  // Copy out the newest `limit` lines, newest first; the JSON is written after the unlock.
  const auto& history = it->second.history;
  const auto count = std::min(history.size(), static_cast<std::size_t>(limit));
  return std::vector<ledger::Transaction>(history.rbegin(),
                                          history.rbegin() + static_cast<std::ptrdiff_t>(count));
}

auto BaselineService::transfer(const ledger::TransferRequest& request)
    -> Outcome<ledger::Transfer> {
  if (auto error = check_transfer(request)) return *std::move(error);

  const std::lock_guard lock(mutex_);
  if (const auto seen = transfers_.find(request.request_id); seen != transfers_.end()) {
    const TransferRecord& record = seen->second;
    if (record.request == request) return record.result;
    return idempotency_conflict(request.request_id);
  }
  const auto from = accounts_.find(request.from);
  if (from == accounts_.end()) return account_not_found(request.from);
  const auto to = accounts_.find(request.to);
  if (to == accounts_.end()) return account_not_found(request.to);
  ledger::Account& source = from->second.account;
  ledger::Account& target = to->second.account;
  for (const ledger::Account* account : {&source, &target}) {
    if (account->currency != request.currency) {
      return currency_mismatch(account->id, account->currency, request.currency);
    }
  }
  if (source.balance < request.amount) {
    return insufficient_funds(source.id, source.balance, request.amount);
  }
  if (target.balance > kMaxBalance - request.amount) return balance_overflow(target.id);

  // Both balances change under the same lock: no one can see one without the other.
  source.balance -= request.amount;
  target.balance += request.amount;
  ledger::Transfer transfer{.id = "tr-" + std::to_string(next_transfer_++),
                            .from = request.from,
                            .to = request.to,
                            .amount = request.amount,
                            .currency = request.currency};
  from->second.history.push_back({.id = transfer.id,
                                  .kind = ledger::TransactionKind::transfer_out,
                                  .amount = request.amount,
                                  .balance_after = source.balance,
                                  .counterparty = target.id,
                                  .memo = request.memo});
  to->second.history.push_back({.id = transfer.id,
                                .kind = ledger::TransactionKind::transfer_in,
                                .amount = request.amount,
                                .balance_after = target.balance,
                                .counterparty = source.id,
                                .memo = request.memo});
  transfers_.emplace(request.request_id, TransferRecord{request, transfer});
  return transfer;
}

auto BaselineService::transfer_batch(std::string_view body)
    -> Outcome<std::vector<ledger::BatchItemResult>> {
  auto parsed = ledger::parse_transfer_batch(body);
  if (auto* error = std::get_if<Error>(&parsed)) return std::move(*error);
  auto& items = std::get<std::vector<ledger::Parsed<ledger::TransferRequest>>>(parsed);

  // Each item on its own, exactly like POST /transfers: one refusal does not stop the others.
  std::vector<ledger::BatchItemResult> results(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto outcome = std::holds_alternative<Error>(items[i])
                       ? Outcome<ledger::Transfer>(std::get<Error>(std::move(items[i])))
                       : transfer(std::get<ledger::TransferRequest>(items[i]));
    if (auto* error = std::get_if<Error>(&outcome)) {
      results[i].error = std::move(*error);
    } else {
      results[i].transfer = std::get<ledger::Transfer>(std::move(outcome));
    }
  }
  return results;
}

}  // namespace archbench::baseline
