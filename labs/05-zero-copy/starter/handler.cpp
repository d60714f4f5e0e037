// Lab 05, your code, part 1 of 2: the handler (steps 1 and 3).
//
// It works: every answer is right, byte for byte. It builds each one as the message structs of
// patterns/common/ledger/messages.hpp (a copy of every string) and turns them into a fresh
// std::string with ledger::to_json. Make the successful answers allocate nothing
// (handler.hpp says what each must be); the allocation tests tell you how far you are.
#include "handler.hpp"

#include <optional>
#include <string>

#include "common/ledger/contract.hpp"
#include "common/ledger/json_codec.hpp"
#include "deposit_parser.hpp"

namespace archbench::lab05 {

struct Handler::State {
  // TODO(student): Steps 1 and 3. What should a handler keep from one request to the next?
  DepositParser parser;
  std::string answer;  // the last answer's body: Answer::body views it
};

Handler::Handler(Accounts& accounts) : accounts_(accounts), state_(std::make_unique<State>()) {}
Handler::~Handler() = default;

namespace {

// Keeps `body` in `slot` (the handler's) and answers with a view of it.
Answer keep(std::string& slot, int status, std::string body) {
  slot = std::move(body);
  return Answer{status, slot};
}

Answer refuse(std::string& slot, const ledger::Error& error) {
  return keep(slot, ledger::http_status(error.code), ledger::to_json(error));
}

}  // namespace

Answer Handler::get_account(std::string_view id) {
  // TODO(student): Step 1. Answer without allocating.
  const Account* account = accounts_.find(id);
  if (account == nullptr) return refuse(state_->answer, ledger::refusals::account_not_found(id));
  const ledger::Account message{account->id, account->owner, account->currency, account->balance};
  return keep(state_->answer, 200, ledger::to_json(message));
}

Answer Handler::deposit(std::string_view account_id, PaddedBody body) {
  // TODO(student): Step 3. Answer without allocating (step 2 first: the parser).
  const ParsedDeposit parsed = state_->parser.parse(body);
  if (!parsed.ok) {
    return refuse(state_->answer,
                  ledger::Error{ledger::ErrorCode::bad_request, std::string(parsed.error)});
  }
  if (auto error = ledger::check_amount(parsed.fields.amount))
    return refuse(state_->answer, *error);
  Account* account = accounts_.find(account_id);
  if (account == nullptr)
    return refuse(state_->answer, ledger::refusals::account_not_found(account_id));
  const std::optional<Deposited> deposited = accounts_.deposit(*account, parsed.fields.amount);
  if (!deposited) return refuse(state_->answer, ledger::refusals::balance_overflow(account->id));
  const ledger::Deposit message{"dep-" + std::to_string(deposited->number), account->id,
                                parsed.fields.amount, deposited->balance};
  return keep(state_->answer, 201, ledger::to_json(message));
}

}  // namespace archbench::lab05
