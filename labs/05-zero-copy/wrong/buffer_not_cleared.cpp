// replaces: handler.cpp
// caught by: Lab05_Step1_Answers.TwoAnswersInARowAreEachWhole
//
// WRONG: reuses the buffer but forgets to empty it before a GET's answer: the writers append,
// so the second answer carries the first one in front of it. The first answer is perfect.

#include <array>
#include <charconv>
#include <optional>
#include <string>

#include "common/ledger/contract.hpp"
#include "common/ledger/json_codec.hpp"
#include "deposit_parser.hpp"
#include "handler.hpp"

namespace archbench::lab05 {

struct Handler::State {
  DepositParser parser;
  std::string out;  // every answer's body, one after the other: Answer::body views it
};

Handler::Handler(Accounts& accounts) : accounts_(accounts), state_(std::make_unique<State>()) {}
Handler::~Handler() = default;

namespace {

Answer refuse(std::string& out, ledger::ErrorCode code, std::string_view message) {
  out.clear();
  ledger::write_error_json(code, message, out);
  return Answer{ledger::http_status(code), out};
}

Answer refuse(std::string& out, const ledger::Error& error) {
  return refuse(out, error.code, error.message);
}

// "dep-<number>", in `buffer`.
std::string_view deposit_id(std::uint64_t number, std::array<char, 32>& buffer) {
  constexpr std::string_view kPrefix = "dep-";
  kPrefix.copy(buffer.data(), kPrefix.size());
  const auto end =
      std::to_chars(buffer.data() + kPrefix.size(), buffer.data() + buffer.size(), number).ptr;
  return {buffer.data(), static_cast<std::size_t>(end - buffer.data())};
}

}  // namespace

Answer Handler::get_account(std::string_view id) {
  std::string& out = state_->out;
  const Account* account = accounts_.find(id);
  if (account == nullptr) return refuse(out, ledger::refusals::account_not_found(id));
  ledger::write_account_json(account->id, account->owner, account->currency, account->balance, out);
  return Answer{200, out};
}

Answer Handler::deposit(std::string_view account_id, PaddedBody body) {
  std::string& out = state_->out;
  const ParsedDeposit parsed = state_->parser.parse(body);
  if (!parsed.ok) return refuse(out, ledger::ErrorCode::bad_request, parsed.error);
  const Money amount = parsed.fields.amount;
  if (auto error = ledger::check_amount(amount)) return refuse(out, *error);
  Account* account = accounts_.find(account_id);
  if (account == nullptr) return refuse(out, ledger::refusals::account_not_found(account_id));
  const std::optional<Deposited> deposited = accounts_.deposit(*account, amount);
  if (!deposited) return refuse(out, ledger::refusals::balance_overflow(account->id));
  std::array<char, 32> id;
  out.clear();
  ledger::write_deposit_json(deposit_id(deposited->number, id), account->id, amount,
                             deposited->balance, out);
  return Answer{201, out};
}

}  // namespace archbench::lab05
