// Reading: nlohmann_json builds a document (refusing a key seen twice in one object), then a
// FieldReader copies the fields out, checking presence, JSON type and length, and keeping the first
// error as a 400 that names the field. Writing: plain appends to a std::string. Response shapes are
// fixed, so a DOM on the write path would only add allocations; the one subtle part, string
// escaping, lives in one function.
#include "common/ledger/json_codec.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace archbench::ledger {
namespace {

using nlohmann::json;

Error bad_request(std::string message) { return Error{ErrorCode::bad_request, std::move(message)}; }

// Builds the document like json::parse, with three changes the contract needs:
// - An integer too long for 64 bits (nlohmann would turn it into a double, which we refuse as
//   "not an integer") stays an integer, saturated at the 64-bit limit. The contract calls it an
//   amount out of range: the backend's range check answers 422 invalid_amount, as for any other
//   amount above 10^12. Saturating keeps its sign, so -10^30 and 10^30 are both refused there.
//   (Up to 308 digits: nlohmann gives up on longer numbers before we see them; see below.)
// - Nesting is capped. Our bodies nest three levels; a 16 MiB body of '[' would otherwise build
//   millions of nested arrays before any field is read.
// - A key seen twice in one object, at any depth, stops the parse. JSON (RFC 8259) leaves its
//   meaning open: nlohmann keeps the last value, simdjson's on-demand API finds the first, so
//   two backends built on the two libraries would apply different requests for the same bytes.
//   The contract pins it instead: 400 bad_request.
// It extends the SAX handler json::parse itself uses: a `detail` class, so tied to nlohmann 3.11
// (Debian's); sax_parse() calls these methods statically, so hiding them is enough. The base
// keeps its stack of open containers private, so this class keeps its own, to see whether the
// base's insertion of a key grew the object being filled: if not, the key was there already.
// That costs no lookup of its own, so a body of a million distinct keys stays as cheap to
// accept as it was (a scan of the keys seen so far would be quadratic).
class DocumentBuilder : public nlohmann::detail::json_sax_dom_parser<json> {
 public:
  static constexpr int kMaxDepth = 32;
  explicit DocumentBuilder(json& document) : json_sax_dom_parser(document), root_(document) {}

  bool number_float(json::number_float_t value, const json::string_t& text) {
    if (text.find_first_of(".eE") != json::string_t::npos) {
      return json_sax_dom_parser::number_float(value, text);  // a real fraction or exponent
    }
    if (text.front() == '-') return number_integer(std::numeric_limits<std::int64_t>::min());
    return number_unsigned(std::numeric_limits<std::uint64_t>::max());
  }
  bool start_object(std::size_t size) {
    return enter() && json_sax_dom_parser::start_object(size) && opened();
  }
  bool start_array(std::size_t size) {
    return enter() && json_sax_dom_parser::start_array(size) && opened();
  }
  bool end_object() { return leave() && json_sax_dom_parser::end_object(); }
  bool end_array() { return leave() && json_sax_dom_parser::end_array(); }
  bool key(json::string_t& name) {
    json& object = *open_[depth_ - 1];
    const std::size_t size = object.size();
    if (!json_sax_dom_parser::key(name)) return false;
    if (object.size() == size) {  // the base found the key there already
      duplicate_key_ = name;
      return false;  // stops the parser
    }
    last_key_ = name;  // where a container value opens (short keys: no allocation)
    return true;
  }

  [[nodiscard]] bool too_deep() const { return depth_ > kMaxDepth; }
  // The key that appeared twice, if one did.
  [[nodiscard]] const std::optional<std::string>& duplicate_key() const { return duplicate_key_; }

 private:
  bool enter() { return ++depth_ <= kMaxDepth; }  // false stops the parser
  bool leave() {
    --depth_;
    return true;
  }
  // Finds the container the base just opened: the root, the last element of an array, or the
  // value of the key just read. (Pointers into a parent stay valid while the child is open:
  // the parent gains no element until the child ends.)
  bool opened() {
    json*& opened = open_[depth_ - 1];
    if (depth_ == 1) {
      opened = &root_;
    } else if (json& parent = *open_[depth_ - 2]; parent.is_array()) {
      opened = &parent.back();
    } else {
      opened = &parent[last_key_];
    }
    return true;
  }

  json& root_;
  std::array<json*, kMaxDepth> open_{};  // the containers being filled: open_[depth_ - 1]
  std::string last_key_;                 // the last key read in an object
  std::optional<std::string> duplicate_key_;
  int depth_ = 0;
};

// The body as a JSON object, or the 400 that says why it is not one.
Parsed<json> parse_object(std::string_view body) {
  // nlohmann stops at a NUL byte as at the end of a C string, so `{...}\0garbage` would pass.
  // No JSON text holds a raw NUL (not even inside a string), so refuse it up front.
  if (const auto nul = body.find('\0'); nul != body.npos) {
    return bad_request("invalid JSON: a NUL byte at offset " + std::to_string(nul));
  }
  json document;
  try {
    DocumentBuilder builder(document);
    json::sax_parse(body.begin(), body.end(), &builder);
    if (const auto& key = builder.duplicate_key()) {
      constexpr std::size_t kMaxKey = 64;  // a key may be megabytes long: name its start
      std::string message = "invalid JSON: the key \"" + key->substr(0, kMaxKey);
      if (key->size() > kMaxKey) message += "...";
      return bad_request(message + "\" appears twice in one object");
    }
    if (builder.too_deep()) {
      return bad_request("invalid JSON: nested deeper than " +
                         std::to_string(DocumentBuilder::kMaxDepth) + " levels");
    }
  } catch (const json::exception& e) {
    // A parse_error, or out_of_range for a number beyond a double's range (1e999, or an
    // integer of over 308 digits: too large even to saturate, so it is refused here as
    // unreadable rather than as an amount). e.what() looks like
    // "[json.exception.parse_error.101] parse error at line 1, column 9: ... last read: '...'":
    // the bracketed id means nothing to a client, the position does; the token quoted at the
    // end may be the rest of a 16 MiB body, so the message is cut to a readable length.
    constexpr std::size_t kMaxMessage = 200;
    std::string_view what = e.what();
    if (const auto end = what.find("] "); what.starts_with('[') && end != what.npos) {
      what.remove_prefix(end + 2);
    }
    std::string message = "invalid JSON: " + std::string(what.substr(0, kMaxMessage));
    if (what.size() > kMaxMessage) message += "...";
    return bad_request(std::move(message));
  }
  if (!document.is_object()) return bad_request("the body must be a JSON object");
  return document;
}

// Byte-length limits of a string field.
struct Length {
  std::size_t min = 0;
  std::size_t max = std::numeric_limits<std::size_t>::max();
};
constexpr Length kAnyLength{};
constexpr Length kNonEmpty{1};

std::string describe(Length length) {
  if (length.max == kAnyLength.max) return "must not be empty";
  if (length.min == 0) return "must be at most " + std::to_string(length.max) + " bytes long";
  return "must be " + std::to_string(length.min) + " to " + std::to_string(length.max) +
         " bytes long";
}

// Copies fields out of one JSON object. Checks run in call order and the first failure is kept,
// so the client learns about one problem at a time, always the same one for the same body.
class FieldReader {
 public:
  explicit FieldReader(const json& object) : object_(object) {}

  void string(const char* name, Length length, std::string& out) {
    if (const json* value = field(name)) read_string(name, *value, length, out);
  }
  // Absent and null both mean "no value".
  void optional_string(const char* name, Length length, std::optional<std::string>& out) {
    const auto it = object_.find(name);
    if (error || it == object_.end() || it->is_null()) return;
    read_string(name, *it, length, out.emplace());
  }
  void amount(const char* name, Money& out) {
    const json* value = field(name);
    if (value == nullptr) return;
    if (value->is_number_unsigned()) {
      // Above INT64_MAX: saturate, as DocumentBuilder does; the range check refuses it.
      const auto amount = value->get<std::uint64_t>();
      constexpr auto kMax = std::numeric_limits<Money>::max();
      out = amount > static_cast<std::uint64_t>(kMax) ? kMax : static_cast<Money>(amount);
    } else if (value->is_number_integer()) {
      out = value->get<Money>();
    } else {
      fail("field '" + std::string(name) + "' must be an integer number of minor units");
    }
  }

  std::optional<Error> error;

 private:
  const json* field(const char* name) {
    if (error) return nullptr;
    const auto it = object_.find(name);
    if (it != object_.end()) return &*it;
    fail("missing field '" + std::string(name) + "'");
    return nullptr;
  }
  void read_string(const char* name, const json& value, Length length, std::string& out) {
    if (!value.is_string()) {
      fail("field '" + std::string(name) + "' must be a string");
      return;
    }
    const auto& text = value.get_ref<const std::string&>();
    if (text.size() < length.min || text.size() > length.max) {
      fail("field '" + std::string(name) + "' " + describe(length));
      return;
    }
    out = text;
  }
  void fail(std::string message) { error = bad_request(std::move(message)); }

  const json& object_;
};

Parsed<TransferRequest> read_transfer(const json& object) {
  FieldReader reader(object);
  TransferRequest request;
  reader.string("from", kNonEmpty, request.from);
  reader.string("to", kNonEmpty, request.to);
  reader.amount("amount", request.amount);
  reader.string("currency", kAnyLength, request.currency);  // its format is a rule: 422
  reader.string("request_id", Length{1, kMaxRequestIdBytes}, request.request_id);
  reader.optional_string("memo", Length{0, kMaxMemoBytes}, request.memo);
  if (reader.error) return *std::move(reader.error);
  return request;
}

void write_int(std::int64_t value, std::string& out) {
  char digits[24];
  const auto result = std::to_chars(std::begin(digits), std::end(digits), value);
  out.append(digits, result.ptr);
}

// {"code":"...","message":"..."}
void write_error_object(ErrorCode code, std::string_view message, std::string& out) {
  out += R"({"code":")";
  out += error_code_name(code);  // codes are plain identifiers: nothing to escape
  out += R"(","message":)";
  write_json_string(message, out);
  out += '}';
}

std::string_view kind_name(TransactionKind kind) {
  switch (kind) {
    case TransactionKind::deposit:
      return "deposit";
    case TransactionKind::transfer_in:
      return "transfer_in";
    case TransactionKind::transfer_out:
      return "transfer_out";
  }
  return "deposit";
}

// The length of the well-formed UTF-8 sequence starting at text[i] (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), or 0 if the bytes there are not one.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const auto continuation = [&](std::size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return i + k < text.size() && byte(k) >= lo && byte(k) <= hi;
  };
  const unsigned char lead = byte(0);
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    const unsigned char lo = lead == 0xE0 ? 0xA0 : 0x80;  // overlong
    const unsigned char hi = lead == 0xED ? 0x9F : 0xBF;  // surrogates
    return continuation(1, lo, hi) && continuation(2) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    const unsigned char lo = lead == 0xF0 ? 0x90 : 0x80;  // overlong
    const unsigned char hi = lead == 0xF4 ? 0x8F : 0xBF;  // above U+10FFFF
    return continuation(1, lo, hi) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

}  // namespace

Parsed<NewAccount> parse_new_account(std::string_view body) {
  auto document = parse_object(body);
  if (auto* error = std::get_if<Error>(&document)) return std::move(*error);
  FieldReader reader(std::get<json>(document));
  NewAccount account;
  reader.string("owner", Length{1, kMaxOwnerBytes}, account.owner);
  reader.string("currency", kAnyLength, account.currency);
  if (reader.error) return *std::move(reader.error);
  return account;
}

Parsed<DepositRequest> parse_deposit_request(std::string_view body) {
  auto document = parse_object(body);
  if (auto* error = std::get_if<Error>(&document)) return std::move(*error);
  FieldReader reader(std::get<json>(document));
  DepositRequest request;
  reader.amount("amount", request.amount);
  reader.string("request_id", Length{1, kMaxRequestIdBytes}, request.request_id);
  if (reader.error) return *std::move(reader.error);
  return request;
}

Parsed<TransferRequest> parse_transfer_request(std::string_view body) {
  auto document = parse_object(body);
  if (auto* error = std::get_if<Error>(&document)) return std::move(*error);
  return read_transfer(std::get<json>(document));
}

Parsed<std::vector<Parsed<TransferRequest>>> parse_transfer_batch(std::string_view body) {
  auto document = parse_object(body);
  if (auto* error = std::get_if<Error>(&document)) return std::move(*error);
  const json& object = std::get<json>(document);
  const auto transfers = object.find("transfers");
  if (transfers == object.end()) return bad_request("missing field 'transfers'");
  if (!transfers->is_array()) return bad_request("field 'transfers' must be an array");
  if (transfers->size() > kMaxBatchTransfers) {
    return bad_request("a batch holds at most " + std::to_string(kMaxBatchTransfers) +
                       " transfers, not " + std::to_string(transfers->size()));
  }
  std::vector<Parsed<TransferRequest>> items;
  items.reserve(transfers->size());
  for (const json& item : *transfers) {
    if (item.is_object()) {
      items.push_back(read_transfer(item));
    } else {
      items.emplace_back(bad_request("each transfer must be a JSON object"));
    }
  }
  return items;
}

void write_json_string(std::string_view text, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t plain = 0;  // start of the run of bytes that need no escaping
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;  // the common case: printable ASCII, copied later as part of a run
      continue;
    }
    std::size_t length = 1;
    if (c >= 0x80) {
      length = utf8_sequence_length(text, i);
      if (length > 0) {  // valid UTF-8 passes through unchanged
        i += length;
        continue;
      }
      length = 1;
    }
    out.append(text.substr(plain, i - plain));
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c >= 0x80) {
          out += "\\ufffd";  // a byte that is not UTF-8: JSON text must be, so replace it
        } else {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        }
    }
    i += length;
    plain = i;
  }
  out.append(text.substr(plain));
  out += '"';
}

// The view writers: each shape of docs/workload.md, once.

void write_account_json(std::string_view id, std::string_view owner, std::string_view currency,
                        Money balance, std::string& out) {
  out += R"({"id":)";
  write_json_string(id, out);
  out += R"(,"owner":)";
  write_json_string(owner, out);
  out += R"(,"currency":)";
  write_json_string(currency, out);
  out += R"(,"balance":)";
  write_int(balance, out);
  out += '}';
}

void write_deposit_json(std::string_view id, std::string_view account, Money amount, Money balance,
                        std::string& out) {
  out += R"({"id":)";
  write_json_string(id, out);
  out += R"(,"account":)";
  write_json_string(account, out);
  out += R"(,"amount":)";
  write_int(amount, out);
  out += R"(,"balance":)";
  write_int(balance, out);
  out += '}';
}

void write_transfer_json(std::string_view id, std::string_view from, std::string_view to,
                         Money amount, std::string_view currency, std::string& out) {
  out += R"({"id":)";
  write_json_string(id, out);
  out += R"(,"from":)";
  write_json_string(from, out);
  out += R"(,"to":)";
  write_json_string(to, out);
  out += R"(,"amount":)";
  write_int(amount, out);
  out += R"(,"currency":)";
  write_json_string(currency, out);
  out += R"(,"status":"completed"})";
}

void write_error_json(ErrorCode code, std::string_view message, std::string& out) {
  out += R"({"error":)";
  write_error_object(code, message, out);
  out += '}';
}

void begin_transactions_json(std::string_view account_id, std::string& out) {
  out += R"({"account":)";
  write_json_string(account_id, out);
  out += R"(,"transactions":[)";
}

void write_transaction_line_json(bool first, std::string_view id, TransactionKind kind,
                                 Money amount, Money balance_after,
                                 std::optional<std::string_view> counterparty,
                                 std::optional<std::string_view> memo, std::string& out) {
  if (!first) out += ',';
  out += R"({"id":)";
  write_json_string(id, out);
  out += R"(,"kind":")";
  out += kind_name(kind);
  out += R"(","amount":)";
  write_int(amount, out);
  out += R"(,"balance_after":)";
  write_int(balance_after, out);
  if (counterparty) {
    out += R"(,"counterparty":)";
    write_json_string(*counterparty, out);
  }
  if (memo) {
    out += R"(,"memo":)";
    write_json_string(*memo, out);
  }
  out += '}';
}

void end_transactions_json(std::string& out) { out += "]}"; }

void begin_batch_json(std::string& out) { out += R"({"results":[)"; }

void write_batch_transfer_json(bool first, std::string_view transfer_id, std::string& out) {
  if (!first) out += ',';
  out += R"({"status":201,"id":)";
  write_json_string(transfer_id, out);
  out += '}';
}

void write_batch_error_json(bool first, ErrorCode code, std::string_view message,
                            std::string& out) {
  if (!first) out += ',';
  out += R"({"status":)";
  write_int(http_status(code), out);
  out += R"(,"error":)";
  write_error_object(code, message, out);
  out += '}';
}

void end_batch_json(std::string& out) { out += "]}"; }

// The struct writers: the view writers over the structs' fields.

void write_json(const Account& account, std::string& out) {
  write_account_json(account.id, account.owner, account.currency, account.balance, out);
}

void write_json(const Deposit& deposit, std::string& out) {
  write_deposit_json(deposit.id, deposit.account, deposit.amount, deposit.balance, out);
}

void write_json(const Transfer& transfer, std::string& out) {
  write_transfer_json(transfer.id, transfer.from, transfer.to, transfer.amount, transfer.currency,
                      out);
}

void write_json(const Error& error, std::string& out) {
  write_error_json(error.code, error.message, out);
}

void write_transactions_json(std::string_view account_id, const std::vector<Transaction>& lines,
                             std::string& out) {
  begin_transactions_json(account_id, out);
  bool first = true;
  for (const Transaction& line : lines) {
    write_transaction_line_json(first, line.id, line.kind, line.amount, line.balance_after,
                                line.counterparty, line.memo, out);
    first = false;
  }
  end_transactions_json(out);
}

void write_batch_json(const std::vector<BatchItemResult>& results, std::string& out) {
  begin_batch_json(out);
  bool first = true;
  for (const BatchItemResult& result : results) {
    if (result.transfer) {
      write_batch_transfer_json(first, result.transfer->id, out);
    } else if (result.error) {
      write_batch_error_json(first, result.error->code, result.error->message, out);
    } else {
      // An item with neither a transfer nor an error is a backend bug: say so, do not guess.
      write_batch_error_json(first, ErrorCode::internal_error, "the backend gave no result", out);
    }
    first = false;
  }
  end_batch_json(out);
}

}  // namespace archbench::ledger
