// Descriptions of both parsers' answers (outcome.hpp).
#include "zero-copy/tests/outcome.hpp"

#include <cstdio>

namespace archbench::zero_copy::testing {
namespace {

// Strings are shown with their bytes escaped, so that a failure shows what differed.
std::string quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7F || c == '"' || c == '\\') {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", byte);
      out += hex;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string quote(const std::optional<std::string_view>& text) {
  return text ? quote(*text) : "absent";
}

}  // namespace

std::string describe(const ledger::Error& error) {
  std::string message = error.message;
  if (message.starts_with("invalid JSON")) message = "invalid JSON";  // each library's words
  return "error " + std::string(ledger::error_code_name(error.code)) + ": " + message;
}

std::string describe(const NewAccountView& value) {
  return "account owner=" + quote(value.owner) + " currency=" + quote(value.currency);
}
std::string describe(const ledger::NewAccount& value) {
  return describe(NewAccountView{value.owner, value.currency});
}

std::string describe(const DepositView& value) {
  return "deposit amount=" + std::to_string(value.amount) +
         " request_id=" + quote(value.request_id);
}
std::string describe(const ledger::DepositRequest& value) {
  return describe(DepositView{value.amount, value.request_id});
}

std::string describe(const TransferView& value) {
  return "transfer from=" + quote(value.from) + " to=" + quote(value.to) +
         " amount=" + std::to_string(value.amount) + " currency=" + quote(value.currency) +
         " request_id=" + quote(value.request_id) + " memo=" + quote(value.memo);
}
std::string describe(const ledger::TransferRequest& value) {
  TransferView view{value.from, value.to, value.amount, value.currency, value.request_id, {}};
  if (value.memo) view.memo = *value.memo;
  return describe(view);
}

std::string describe_batch(
    const ledger::Parsed<std::vector<ledger::Parsed<ledger::TransferRequest>>>& parsed) {
  if (const auto* error = std::get_if<ledger::Error>(&parsed))
    return "envelope " + describe(*error);
  std::string out = "items";
  for (const auto& item : std::get<0>(parsed)) out += "\n  " + describe(item);
  return out;
}

std::string describe_batch(const std::optional<ledger::Error>& envelope,
                           const std::vector<Parsed<TransferView>>& items) {
  if (envelope) return "envelope " + describe(*envelope);
  std::string out = "items";
  for (const auto& item : items) out += "\n  " + describe(item);
  return out;
}

Answers answer_both(BodyKind kind, std::string_view body, RequestParser& parser) {
  const PaddedBody padded(body);
  switch (kind) {
    case BodyKind::new_account:
      return {describe(ledger::parse_new_account(body)),
              describe(parser.new_account(padded.view()))};
    case BodyKind::deposit:
      return {describe(ledger::parse_deposit_request(body)),
              describe(parser.deposit(padded.view()))};
    case BodyKind::transfer:
      return {describe(ledger::parse_transfer_request(body)),
              describe(parser.transfer(padded.view()))};
    case BodyKind::batch: {
      std::vector<Parsed<TransferView>> items;
      const auto envelope = parser.transfer_batch(padded.view(), items);
      return {describe_batch(ledger::parse_transfer_batch(body)), describe_batch(envelope, items)};
    }
  }
  return {};
}

}  // namespace archbench::zero_copy::testing
