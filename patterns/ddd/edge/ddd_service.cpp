// The edge of the DDD backend: translation between the HTTP contract and the two contexts.
// Each operation reads: parse (shared codec, 400), build the domain's values (their factories
// run the contract's stateless checks, in order), lock, ask the context, answer.
#include "ddd/edge/ddd_service.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "common/ledger/json_codec.hpp"
#include "ddd/kernel/money.hpp"

namespace archbench::ddd {
namespace {

api::ErrorCode error_code(Reason reason) {
  switch (reason) {
    case Reason::invalid_amount:
      return api::ErrorCode::invalid_amount;
    case Reason::invalid_currency:
      return api::ErrorCode::invalid_currency;
    case Reason::same_account:
      return api::ErrorCode::same_account;
    case Reason::idempotency_conflict:
      return api::ErrorCode::idempotency_conflict;
    case Reason::account_not_found:
      return api::ErrorCode::account_not_found;
    case Reason::currency_mismatch:
      return api::ErrorCode::currency_mismatch;
    case Reason::insufficient_funds:
      return api::ErrorCode::insufficient_funds;
  }
  return api::ErrorCode::internal_error;
}

api::Error to_error(Refusal&& refusal) {
  return {error_code(refusal.reason), std::move(refusal.message)};
}

// A domain Result's refusal as the contract's error, or nullptr when it holds a value.
template <class T>
Refusal* refusal_of(Result<T>& result) {
  return std::get_if<Refusal>(&result);
}

api::Account to_api(const ledger::Account& account) {
  return {.id = account.id().text(),
          .owner = account.owner().text(),
          .currency = std::string(account.currency().code()),
          .balance = account.balance().minor_units()};
}

api::Deposit to_api(const ledger::FundsDeposited& event) {
  return {.id = event.deposit.text(),
          .account = event.account.text(),
          .amount = event.amount.minor_units(),
          .balance = event.balance_after.minor_units()};
}

api::Transfer to_api(const ledger::TransferCompleted& event) {
  return {.id = event.transfer.text(),
          .from = event.from.text(),
          .to = event.to.text(),
          .amount = event.money.amount().minor_units(),
          .currency = std::string(event.money.currency().code())};
}

api::TransactionKind to_api(statements::EntryKind kind) {
  switch (kind) {
    case statements::EntryKind::deposit:
      return api::TransactionKind::deposit;
    case statements::EntryKind::transfer_in:
      return api::TransactionKind::transfer_in;
    case statements::EntryKind::transfer_out:
      return api::TransactionKind::transfer_out;
  }
  return api::TransactionKind::deposit;
}

// Writes `line` into `out`, a default-constructed Transaction already in its vector: built in
// place, each string copied once (a Transaction returned by value would be moved in, then
// destroyed: ~5% more instructions on a 20-line list).
void write_line(const statements::StatementLine& line, api::Transaction& out) {
  out.id = line.reference.text();
  out.kind = to_api(line.kind);
  out.amount = line.amount.minor_units();
  out.balance_after = line.balance_after.minor_units();
  if (line.counterparty) out.counterparty.emplace(line.counterparty->text());
  if (line.memo) out.memo.emplace(line.memo->text());
}

// Sends `outcome`: its error, or `status` with the body `write` builds in a reused buffer.
template <class T, class Write>
void answer(api::Reply& reply, int status, const std::variant<T, api::Error>& outcome,
            Write write) {
  if (const auto* error = std::get_if<api::Error>(&outcome)) return reply.error(*error);
  std::string body = reply.take_buffer();
  write(std::get<T>(outcome), body);
  reply.send(status, std::move(body));
}

constexpr auto kWriteJson = [](const auto& value, std::string& out) {
  api::write_json(value, out);
};

}  // namespace

void DddService::handle(const api::Call& call, api::Reply reply) {
  using api::Route;
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
                      api::write_transactions_json(call.account_id, lines, out);
                    });
    case Route::transfer: {
      auto request = api::parse_transfer_request(call.body);
      if (const auto* error = std::get_if<api::Error>(&request)) return reply.error(*error);
      return answer(reply, 201, transfer(std::get<api::TransferRequest>(std::move(request))),
                    kWriteJson);
    }
    case Route::transfer_batch:
      return answer(
          reply, 200, transfer_batch(call.body),
          [](const auto& results, std::string& out) { api::write_batch_json(results, out); });
    case Route::health:
    case Route::metrics:
    case Route::unknown:
      break;  // answered by the shared front, never handed to a service
  }
  reply.error(api::ErrorCode::internal_error, "the ddd backend does not serve this route");
}

auto DddService::create_account(std::string_view body) -> Outcome<api::Account> {
  auto parsed = api::parse_new_account(body);
  if (auto* error = std::get_if<api::Error>(&parsed)) return std::move(*error);
  auto& request = std::get<api::NewAccount>(parsed);
  auto currency = Currency::from_code(request.currency);
  if (auto* refusal = refusal_of(currency)) return to_error(std::move(*refusal));

  const std::lock_guard lock(mutex_);
  return to_api(
      ledger_.open_account(ledger::Owner(std::move(request.owner)), std::get<Currency>(currency)));
}

auto DddService::get_account(std::string_view id) -> Outcome<api::Account> {
  const AccountId account_id{std::string(id)};
  const std::lock_guard lock(mutex_);
  const ledger::Account* account = ledger_.find(account_id);
  if (account == nullptr) return to_error(refusals::account_not_found(id));
  return to_api(*account);
}

auto DddService::deposit(std::string_view account_id, std::string_view body)
    -> Outcome<api::Deposit> {
  auto parsed = api::parse_deposit_request(body);
  if (auto* error = std::get_if<api::Error>(&parsed)) return std::move(*error);
  auto& request = std::get<api::DepositRequest>(parsed);
  auto amount = Amount::from_minor_units(request.amount);
  if (auto* refusal = refusal_of(amount)) return to_error(std::move(*refusal));
  ledger::DepositOrder order{.account = AccountId(std::string(account_id)),
                             .amount = std::get<Amount>(amount),
                             .request_id = ledger::RequestId(std::move(request.request_id))};

  const std::lock_guard lock(mutex_);
  auto deposited = ledger_.deposit(std::move(order));
  if (auto* refusal = refusal_of(deposited)) return to_error(std::move(*refusal));
  return to_api(*std::get<const ledger::FundsDeposited*>(deposited));
}

auto DddService::list_transactions(std::string_view id, int limit)
    -> Outcome<std::vector<api::Transaction>> {
  const AccountId account_id{std::string(id)};
  const std::lock_guard lock(mutex_);
  const statements::Statement* statement = statements_.find(account_id);
  if (statement == nullptr) return to_error(refusals::account_not_found(id));
  // The newest `limit` lines, newest first; the JSON is written after the unlock.
  const auto& lines = statement->lines();
  const auto count = std::min(lines.size(), static_cast<std::size_t>(limit));
  std::vector<api::Transaction> newest(count);
  for (std::size_t i = 0; i < count; ++i) write_line(lines[lines.size() - 1 - i], newest[i]);
  return newest;
}

auto DddService::transfer(api::TransferRequest&& request) -> Outcome<api::Transfer> {
  auto money = Money::from(request.amount, request.currency);
  if (auto* refusal = refusal_of(money)) return to_error(std::move(*refusal));
  std::optional<Memo> memo;
  if (request.memo) memo.emplace(std::move(*request.memo));
  auto order = ledger::TransferOrder::place(
      AccountId(std::move(request.from)), AccountId(std::move(request.to)), std::get<Money>(money),
      ledger::RequestId(std::move(request.request_id)), std::move(memo));
  if (auto* refusal = refusal_of(order)) return to_error(std::move(*refusal));

  const std::lock_guard lock(mutex_);
  auto transferred = ledger_.transfer(std::get<ledger::TransferOrder>(std::move(order)));
  if (auto* refusal = refusal_of(transferred)) return to_error(std::move(*refusal));
  return to_api(*std::get<const ledger::TransferCompleted*>(transferred));
}

auto DddService::transfer_batch(std::string_view body)
    -> Outcome<std::vector<api::BatchItemResult>> {
  auto parsed = api::parse_transfer_batch(body);
  if (auto* error = std::get_if<api::Error>(&parsed)) return std::move(*error);
  auto& items = std::get<std::vector<api::Parsed<api::TransferRequest>>>(parsed);

  // Each item on its own, exactly like POST /transfers: one refusal does not stop the others.
  std::vector<api::BatchItemResult> results(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto outcome = std::holds_alternative<api::Error>(items[i])
                       ? Outcome<api::Transfer>(std::get<api::Error>(std::move(items[i])))
                       : transfer(std::get<api::TransferRequest>(std::move(items[i])));
    if (auto* error = std::get_if<api::Error>(&outcome)) {
      results[i].error = std::move(*error);
    } else {
      results[i].transfer = std::get<api::Transfer>(std::move(outcome));
    }
  }
  return results;
}

}  // namespace archbench::ddd
