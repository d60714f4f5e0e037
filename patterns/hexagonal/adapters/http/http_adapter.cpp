#include "hexagonal/adapters/http/http_adapter.hpp"

#include <cstdio>
#include <exception>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "common/ledger/json_codec.hpp"
#include "common/ledger/messages.hpp"

namespace archbench::hexagonal::adapters {
namespace {

using ledger::Route;

// The domain states its limits itself (it may include nothing of ours); this is where the two
// meet, so this is where a disagreement must fail the build.
static_assert(domain::kMinAmount == ledger::kMinAmount && domain::kMaxAmount == ledger::kMaxAmount,
              "domain/money.hpp and common/ledger/contract.hpp disagree on the amount range");

// ---- wire -> domain ------------------------------------------------------------------------

domain::NewAccount to_domain(ledger::NewAccount request) {
  return {std::move(request.owner), std::move(request.currency)};
}

domain::DepositRequest to_domain(std::string_view account, ledger::DepositRequest request) {
  return {std::string(account), request.amount, std::move(request.request_id)};
}

domain::TransferRequest to_domain(ledger::TransferRequest request) {
  return {std::move(request.from),     std::move(request.to),         request.amount,
          std::move(request.currency), std::move(request.request_id), std::move(request.memo)};
}

// ---- domain -> wire ------------------------------------------------------------------------

ledger::ErrorCode to_wire(domain::ErrorCode code) {
  switch (code) {
    case domain::ErrorCode::invalid_amount:
      return ledger::ErrorCode::invalid_amount;
    case domain::ErrorCode::invalid_currency:
      return ledger::ErrorCode::invalid_currency;
    case domain::ErrorCode::same_account:
      return ledger::ErrorCode::same_account;
    case domain::ErrorCode::idempotency_conflict:
      return ledger::ErrorCode::idempotency_conflict;
    case domain::ErrorCode::account_not_found:
      return ledger::ErrorCode::account_not_found;
    case domain::ErrorCode::currency_mismatch:
      return ledger::ErrorCode::currency_mismatch;
    case domain::ErrorCode::insufficient_funds:
      return ledger::ErrorCode::insufficient_funds;
  }
  return ledger::ErrorCode::internal_error;
}

ledger::Error to_wire(domain::Error error) {
  return {to_wire(error.code), std::move(error.message)};
}

ledger::Account to_wire(domain::Account account) {
  return {std::move(account.id), std::move(account.owner), std::move(account.currency),
          account.balance};
}

ledger::Deposit to_wire(domain::Deposit deposit) {
  return {std::move(deposit.id), std::move(deposit.account), deposit.amount, deposit.balance};
}

ledger::Transfer to_wire(domain::Transfer transfer) {
  return {std::move(transfer.id), std::move(transfer.from), std::move(transfer.to), transfer.amount,
          std::move(transfer.currency)};
}

ledger::TransactionKind to_wire(domain::TransactionKind kind) {
  switch (kind) {
    case domain::TransactionKind::deposit:
      return ledger::TransactionKind::deposit;
    case domain::TransactionKind::transfer_in:
      return ledger::TransactionKind::transfer_in;
    case domain::TransactionKind::transfer_out:
      return ledger::TransactionKind::transfer_out;
  }
  return ledger::TransactionKind::deposit;
}

std::vector<ledger::Transaction> to_wire(std::vector<domain::Transaction> lines) {
  std::vector<ledger::Transaction> out;
  out.reserve(lines.size());
  for (auto& line : lines) {
    out.push_back({std::move(line.id), to_wire(line.kind), line.amount, line.balance_after,
                   std::move(line.counterparty), std::move(line.memo)});
  }
  return out;
}

// ---- answers -------------------------------------------------------------------------------

// What a client is told when the machinery failed (a store that threw: disk full, Redis gone).
// The unit of work was rolled back, so the request changed nothing, which is what a 500
// promises. The library's own text (an SQLite message, a hiredis error) names files, hosts
// and internals: it goes to the operator's log, never to the client.
constexpr std::string_view kInternalError = "internal error: the request changed nothing";

ledger::Error internal_error(ledger::Route route, const std::exception& failure) {
  std::string line = "archbench-hexagonal: internal error on ";
  line += ledger::route_name(route);
  line += ": ";
  line += failure.what();
  line += '\n';
  std::fputs(line.c_str(), stderr);  // one call per line: lines of two threads do not mix
  return {ledger::ErrorCode::internal_error, std::string(kInternalError)};
}

// Sends the domain's answer: the value as JSON with `status`, or the refusal as its error.
template <class T>
void answer(ledger::Reply& reply, int status, domain::Outcome<T> outcome) {
  if (auto* refused = std::get_if<domain::Error>(&outcome)) {
    reply.error(to_wire(std::move(*refused)));
    return;
  }
  std::string body = reply.take_buffer();
  ledger::write_json(to_wire(std::get<T>(std::move(outcome))), body);
  reply.send(status, std::move(body));
}

// One item of a batch, as POST /transfers would have answered it.
ledger::BatchItemResult transfer_item(application::Ledger& ledger,
                                      ledger::Parsed<ledger::TransferRequest> item) {
  if (auto* malformed = std::get_if<ledger::Error>(&item)) return {std::nullopt, *malformed};
  try {
    auto outcome = ledger.transfer(to_domain(std::get<ledger::TransferRequest>(std::move(item))));
    if (auto* refused = std::get_if<domain::Error>(&outcome)) {
      return {std::nullopt, to_wire(std::move(*refused))};
    }
    return {to_wire(std::get<domain::Transfer>(std::move(outcome))), std::nullopt};
  } catch (const std::exception& failure) {  // this item's unit of work was rolled back
    return {std::nullopt, internal_error(Route::transfer_batch, failure)};
  }
}

}  // namespace

void HttpAdapter::handle(const ledger::Call& call, ledger::Reply reply) {
  try {
    switch (call.route) {
      case Route::create_account:
        return create_account(call, reply);
      case Route::get_account:
        return get_account(call, reply);
      case Route::deposit:
        return deposit(call, reply);
      case Route::list_transactions:
        return list_transactions(call, reply);
      case Route::transfer:
        return transfer(call, reply);
      case Route::transfer_batch:
        return transfer_batch(call, reply);
      case Route::health:  // answered by the shared front
      case Route::metrics:
      case Route::unknown:
        break;
    }
    reply.error(ledger::ErrorCode::internal_error,
                "the hexagonal backend does not serve this route");
  } catch (const std::exception& failure) {
    reply.error(internal_error(call.route, failure));
  }
}

void HttpAdapter::create_account(const ledger::Call& call, ledger::Reply& reply) {
  auto parsed = ledger::parse_new_account(call.body);
  if (auto* malformed = std::get_if<ledger::Error>(&parsed)) return reply.error(*malformed);
  answer(reply, 201,
         ledger_.create_account(to_domain(std::get<ledger::NewAccount>(std::move(parsed)))));
}

void HttpAdapter::get_account(const ledger::Call& call, ledger::Reply& reply) {
  answer(reply, 200, ledger_.get_account(call.account_id));
}

void HttpAdapter::deposit(const ledger::Call& call, ledger::Reply& reply) {
  auto parsed = ledger::parse_deposit_request(call.body);
  if (auto* malformed = std::get_if<ledger::Error>(&parsed)) return reply.error(*malformed);
  answer(reply, 201,
         ledger_.deposit(
             to_domain(call.account_id, std::get<ledger::DepositRequest>(std::move(parsed)))));
}

void HttpAdapter::list_transactions(const ledger::Call& call, ledger::Reply& reply) {
  auto outcome = ledger_.list_transactions(call.account_id, call.limit);
  if (auto* refused = std::get_if<domain::Error>(&outcome)) {
    return reply.error(to_wire(std::move(*refused)));
  }
  std::string body = reply.take_buffer();
  ledger::write_transactions_json(
      call.account_id, to_wire(std::get<std::vector<domain::Transaction>>(std::move(outcome))),
      body);
  reply.send(200, std::move(body));
}

void HttpAdapter::transfer(const ledger::Call& call, ledger::Reply& reply) {
  auto parsed = ledger::parse_transfer_request(call.body);
  if (auto* malformed = std::get_if<ledger::Error>(&parsed)) return reply.error(*malformed);
  answer(reply, 201,
         ledger_.transfer(to_domain(std::get<ledger::TransferRequest>(std::move(parsed)))));
}

void HttpAdapter::transfer_batch(const ledger::Call& call, ledger::Reply& reply) {
  auto parsed = ledger::parse_transfer_batch(call.body);
  if (auto* malformed = std::get_if<ledger::Error>(&parsed)) return reply.error(*malformed);
  auto& items = std::get<std::vector<ledger::Parsed<ledger::TransferRequest>>>(parsed);
  // Each item on its own, in order, exactly as if posted one by one (docs/workload.md).
  std::vector<ledger::BatchItemResult> results;
  results.reserve(items.size());
  for (auto& item : items) results.push_back(transfer_item(ledger_, std::move(item)));
  std::string body = reply.take_buffer();
  ledger::write_batch_json(results, body);
  reply.send(200, std::move(body));
}

}  // namespace archbench::hexagonal::adapters
