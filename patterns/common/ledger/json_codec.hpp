// Turns request bodies into messages (messages.hpp) and messages into response bodies.
// Parsing checks structure only: valid JSON, an object, no key twice in one object (at any
// depth), the right fields with the right JSON types and lengths; anything else is
// `bad_request` (400). The ledger's rules (amount range,
// currency format, ...) are the backend's to check: they are what the patterns model
// differently. The zero-copy pattern replaces this codec with simdjson in place.
#pragma once

#include <optional>
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

// Response bodies from plain values: views and integers, appended to a caller's buffer (e.g.
// Reply::body(), the connection's own). A pattern that never builds the message structs below
// (zero-copy, say) still writes the contract's exact bytes; the struct writers call these, so
// there is one implementation of each shape.
void write_account_json(std::string_view id, std::string_view owner, std::string_view currency,
                        Money balance, std::string& out);
void write_deposit_json(std::string_view id, std::string_view account, Money amount, Money balance,
                        std::string& out);
// With "status":"completed".
void write_transfer_json(std::string_view id, std::string_view from, std::string_view to,
                         Money amount, std::string_view currency, std::string& out);
// {"error":{"code":...,"message":...}}
void write_error_json(ErrorCode code, std::string_view message, std::string& out);
// GET /accounts/{id}/transactions, streamed: begin, one line per transaction (`first` for the
// first one: no comma before it), end. counterparty and memo are left out when null.
void begin_transactions_json(std::string_view account_id, std::string& out);
void write_transaction_line_json(bool first, std::string_view id, TransactionKind kind,
                                 Money amount, Money balance_after,
                                 std::optional<std::string_view> counterparty,
                                 std::optional<std::string_view> memo, std::string& out);
void end_transactions_json(std::string& out);
// POST /transfers/batch, streamed: begin, one result per item (a transfer's id, or an error),
// end.
void begin_batch_json(std::string& out);
void write_batch_transfer_json(bool first, std::string_view transfer_id, std::string& out);
void write_batch_error_json(bool first, ErrorCode code, std::string_view message, std::string& out);
void end_batch_json(std::string& out);

// Response bodies from the message structs, appended to `out` (so a backend can reuse a
// buffer; see Reply::take_buffer and Reply::body).
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
