// Each route: parse in place, ask the Ledger, write the answer into the connection's buffer.
#include "zero-copy/service/zero_copy_service.hpp"

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/ledger/json_codec.hpp"
#include "zero-copy/json/request_parser.hpp"
#include "zero-copy/state/account_json.hpp"

namespace archbench::zero_copy {
namespace {

using ledger::Error;
using ledger::Reply;

// What each I/O thread reuses from one request to the next. The views a parse hands out point
// into the body or into the parser's scratch buffer, and live until the same thread's next
// parse: handle() answers before it returns, so they outlive every use.
struct ThreadScratch {
  RequestParser parser;
  std::vector<ledger::Parsed<TransferView>> batch;
  std::vector<Line> lines;
};

ThreadScratch& scratch() {
  thread_local ThreadScratch mine;
  return mine;
}

// The account's JSON up to its balance was written by the codec when it opened.
void write_account(const AccountSnapshot& account, std::string& out) {
  write_account_from_prefix(account.json_prefix, account.balance, out);
}

// Sends `outcome`: its error, or `status` with the body `write` appends to the reply's buffer.
template <class T, class Write>
void answer(Reply& reply, int status, const Outcome<T>& outcome, Write write) {
  if (const auto* error = std::get_if<Error>(&outcome)) return reply.error(*error);
  write(std::get<T>(outcome), reply.body());
  reply.send(status);
}

}  // namespace

void ZeroCopyService::handle(const ledger::Call& call, Reply reply) {
  using ledger::Route;
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
    case Route::health:
    case Route::metrics:
    case Route::unknown:
      break;  // answered by the shared front, never handed to a service
  }
  reply.error(ledger::ErrorCode::internal_error, "the zero-copy backend does not serve this route");
}

void ZeroCopyService::create_account(const ledger::Call& call, Reply& reply) {
  const auto request = scratch().parser.new_account(call.body);
  if (const auto* error = std::get_if<Error>(&request)) return reply.error(*error);
  answer(reply, 201, ledger_.open_account(std::get<NewAccountView>(request)), write_account);
}

void ZeroCopyService::get_account(const ledger::Call& call, Reply& reply) {
  answer(reply, 200, ledger_.account(call.account_id), write_account);
}

void ZeroCopyService::deposit(const ledger::Call& call, Reply& reply) {
  const auto request = scratch().parser.deposit(call.body);
  if (const auto* error = std::get_if<Error>(&request)) return reply.error(*error);
  answer(reply, 201, ledger_.deposit(call.account_id, std::get<DepositView>(request)),
         [](const DepositDone& done, std::string& out) {
           ledger::write_deposit_json(IdText(kDepositPrefix, done.number).view(),
                                      account_id(done.account).view(), done.amount, done.balance,
                                      out);
         });
}

void ZeroCopyService::list_transactions(const ledger::Call& call, Reply& reply) {
  std::vector<Line>& lines = scratch().lines;
  if (auto error = ledger_.history(call.account_id, call.limit, lines)) return reply.error(*error);
  std::string& out = reply.body();
  ledger::begin_transactions_json(call.account_id, out);
  bool first = true;
  for (const Line& line : lines) {
    const bool deposit = line.kind == ledger::TransactionKind::deposit;
    const IdText id(deposit ? kDepositPrefix : kTransferPrefix, line.number);
    std::optional<IdText> counterparty;
    if (!deposit) counterparty.emplace(account_id(line.counterparty));
    ledger::write_transaction_line_json(
        first, id.view(), line.kind, line.amount, line.balance_after,
        counterparty ? std::optional(counterparty->view()) : std::nullopt, line.memo, out);
    first = false;
  }
  ledger::end_transactions_json(out);
  reply.send(200);
}

void ZeroCopyService::transfer(const ledger::Call& call, Reply& reply) {
  const auto request = scratch().parser.transfer(call.body);
  if (const auto* error = std::get_if<Error>(&request)) return reply.error(*error);
  answer(reply, 201, ledger_.transfer(std::get<TransferView>(request)),
         [](const TransferDone& done, std::string& out) {
           ledger::write_transfer_json(IdText(kTransferPrefix, done.number).view(),
                                       account_id(done.from).view(), account_id(done.to).view(),
                                       done.amount, text(done.currency), out);
         });
}

void ZeroCopyService::transfer_batch(const ledger::Call& call, Reply& reply) {
  ThreadScratch& mine = scratch();
  if (auto error = mine.parser.transfer_batch(call.body, mine.batch)) return reply.error(*error);
  // Each item on its own, exactly like POST /transfers: one refusal does not stop the others.
  std::string& out = reply.body();
  ledger::begin_batch_json(out);
  bool first = true;
  for (const auto& item : mine.batch) {
    const auto* request = std::get_if<TransferView>(&item);
    const Outcome<TransferDone> outcome =
        request != nullptr ? ledger_.transfer(*request) : std::get<Error>(item);
    if (const auto* error = std::get_if<Error>(&outcome)) {
      ledger::write_batch_error_json(first, error->code, error->message, out);
    } else {
      const auto& done = std::get<TransferDone>(outcome);
      ledger::write_batch_transfer_json(first, IdText(kTransferPrefix, done.number).view(), out);
    }
    first = false;
  }
  ledger::end_batch_json(out);
  reply.send(200);
}

}  // namespace archbench::zero_copy
