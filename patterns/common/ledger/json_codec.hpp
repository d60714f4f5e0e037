// Turns request bodies into messages (messages.hpp) and messages into response bodies.
// Parsing checks structure only: valid JSON, an object, no key twice in one object (at any
// depth), the right fields with the right JSON types and lengths; anything else is
// `bad_request` (400). The ledger's rules (amount range,
// currency format, ...) are the backend's to check: they are what the patterns model
// differently. The zero-copy pattern replaces this codec with simdjson in place.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/ledger/messages.hpp"

namespace archbench::ledger {

// Either the parsed value or the 400 error that explains what is wrong with the body.
template <class T>
using Parsed = std::variant<T, Error>;

[[nodiscard]] Parsed<NewAccount> parse_new_account(std::string_view body);
[[nodiscard]] Parsed<DepositRequest> parse_deposit_request(std::string_view body);
[[nodiscard]] Parsed<TransferRequest> parse_transfer_request(std::string_view body);
// `{"transfers": [...]}`: the outer error when the envelope is wrong (not an object, no
// array, more than kMaxBatchTransfers items), otherwise one Parsed per item, in order.
[[nodiscard]] Parsed<std::vector<Parsed<TransferRequest>>> parse_transfer_batch(
    std::string_view body);

// Response bodies, appended to `out` (so a backend can reuse a buffer; see Reply::take_buffer).
void write_json(const Account& account, std::string& out);
void write_json(const Deposit& deposit, std::string& out);
void write_json(const Transfer& transfer, std::string& out);  // with "status":"completed"
void write_json(const Error& error, std::string& out);        // {"error":{...}}
// GET /accounts/{id}/transactions: `{"account": id, "transactions": [...]}`
void write_transactions_json(std::string_view account_id, const std::vector<Transaction>& lines,
                             std::string& out);
// POST /transfers/batch: `{"results": [{"status":201,"id":...} | {"status":4xx,"error":{...}}]}`
void write_batch_json(const std::vector<BatchItemResult>& results, std::string& out);

// The same, as a fresh string.
template <class T>
[[nodiscard]] std::string to_json(const T& value) {
  std::string out;
  write_json(value, out);
  return out;
}

// Appends `text` as a JSON string literal (quotes and escapes included).
void write_json_string(std::string_view text, std::string& out);

}  // namespace archbench::ledger
