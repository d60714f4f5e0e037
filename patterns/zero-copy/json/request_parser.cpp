// One walk over the whole document with simdjson on-demand: every key is compared with the
// fields the request wants and recorded for the duplicate check, every value is checked (the
// wanted ones recorded in a Slot, the others only validated), then the wanted fields are checked
// in the shared codec's order, with its messages, so that the same body gets the same answer.
//
// simdjson is kept out of the header (behind ParserImpl) for a reason of its own: its on-demand
// API is compiled inline for the instruction set the translation unit is compiled for (DOM
// parsing dispatches at run time; on-demand does not). This file is compiled for AVX2 (see
// CMakeLists.txt); without that, on-demand falls back to its scalar kernel, several times
// slower. Keeping simdjson's types out of the header keeps those flags out of every includer.
#include "zero-copy/json/request_parser.hpp"

#include <simdjson.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>

#include "common/http/request.hpp"
#include "zero-copy/json/json_scalars.hpp"

namespace archbench::zero_copy {

static_assert(http::kBodyPadding >= simdjson::SIMDJSON_PADDING,
              "the transport's padding must let simdjson parse bodies in place");

namespace ondemand = simdjson::ondemand;

namespace {

enum class Status { ok, invalid_json, too_deep, not_object };

// What a field's JSON value turned out to be; the checks in call order come after the walk.
struct Slot {
  enum class Kind { absent, string, integer, null, other };
  Kind kind = Kind::absent;
  std::string_view text;
  ledger::Money number = 0;
};
using Kind = Slot::Kind;

constexpr int kMaxDepth = 32;

constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Whether `text` holds a backslash, 8 bytes at a time (a string with none is handed out as a
// view). The last word may read up to 7 bytes past the end: they are the body's or its padding,
// and are masked off. Borrows only run upwards, so the masked test is exact.
bool has_backslash(std::string_view text) {
  if constexpr (std::endian::native != std::endian::little) {
    return std::memchr(text.data(), '\\', text.size()) != nullptr;
  }
  constexpr std::uint64_t kOnes = 0x0101010101010101;
  constexpr std::uint64_t kHighs = 0x8080808080808080;
  constexpr std::uint64_t kBackslashes = kOnes * '\\';
  const auto hits = [&](const char* at) {
    std::uint64_t word;
    std::memcpy(&word, at, sizeof word);
    word ^= kBackslashes;  // a backslash becomes a zero byte
    return (word - kOnes) & ~word & kHighs;
  };
  const char* at = text.data();
  std::size_t left = text.size();
  std::uint64_t found = 0;
  for (; left >= 8; at += 8, left -= 8) found |= hits(at);
  if (left > 0) found |= hits(at) & ((std::uint64_t{1} << (8 * left)) - 1);
  return found != 0;
}

// Keys are a few bytes long: a plain loop beats a call to memcmp.
bool same_key(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty() || a[0] != b[0]) return a.size() == b.size() && a.empty();
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}  // as the shared codec: our bodies nest three levels

ledger::Error bad_request(std::string message) {
  return ledger::Error{ledger::ErrorCode::bad_request, std::move(message)};
}

// Byte-length limits of a string field, with the shared codec's wording.
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

// The shared codec's FieldReader over recorded slots: checks in call order, first error kept.
class FieldChecker {
 public:
  explicit FieldChecker(const Slot* slots) : slots_(slots) {}

  void string(std::size_t index, std::string_view name, Length length, std::string_view& out) {
    if (error) return;
    if (slots_[index].kind == Kind::absent) return fail(name, "");
    read_string(index, name, length, out);
  }
  void optional_string(std::size_t index, std::string_view name, Length length,
                       std::optional<std::string_view>& out) {
    if (error || slots_[index].kind == Kind::absent || slots_[index].kind == Kind::null) return;
    read_string(index, name, length, out.emplace());
  }
  void amount(std::size_t index, std::string_view name, ledger::Money& out) {
    if (error) return;
    const Slot& slot = slots_[index];
    if (slot.kind == Kind::absent) return fail(name, "");
    if (slot.kind != Kind::integer) return fail(name, "must be an integer number of minor units");
    out = slot.number;
  }

  std::optional<ledger::Error> error;

 private:
  void read_string(std::size_t index, std::string_view name, Length length, std::string_view& out) {
    const Slot& slot = slots_[index];
    if (slot.kind != Kind::string) return fail(name, "must be a string");
    if (slot.text.size() < length.min || slot.text.size() > length.max) {
      return fail(name, describe(length));
    }
    out = slot.text;
  }
  // Out of line and marked cold: the checks above stay small enough to inline.
  [[gnu::cold, gnu::noinline]] void fail(std::string_view name, const std::string& problem) {
    error = bad_request(problem.empty() ? "missing field '" + std::string(name) + "'"
                                        : "field '" + std::string(name) + "' " + problem);
  }

  const Slot* slots_;
};

constexpr std::string_view kNewAccountFields[] = {"owner", "currency"};
constexpr std::string_view kDepositFields[] = {"amount", "request_id"};
constexpr std::string_view kTransferFields[] = {"from",     "to",         "amount",
                                                "currency", "request_id", "memo"};
constexpr std::size_t kTransferFieldCount = std::size(kTransferFields);

Parsed<TransferView> check_transfer(const Slot* slots) {
  FieldChecker checker(slots);
  TransferView transfer;
  checker.string(0, "from", kNonEmpty, transfer.from);
  checker.string(1, "to", kNonEmpty, transfer.to);
  checker.amount(2, "amount", transfer.amount);
  checker.string(3, "currency", kAnyLength, transfer.currency);  // its format is a rule: 422
  checker.string(4, "request_id", Length{1, ledger::kMaxRequestIdBytes}, transfer.request_id);
  checker.optional_string(5, "memo", Length{0, ledger::kMaxMemoBytes}, transfer.memo);
  if (checker.error) return *std::move(checker.error);
  return transfer;
}

}  // namespace

namespace detail {

class ParserImpl {
 public:
  Parsed<NewAccountView> new_account(std::string_view body);
  Parsed<DepositView> deposit(std::string_view body);
  Parsed<TransferView> transfer(std::string_view body);
  std::optional<ledger::Error> transfer_batch(std::string_view body,
                                              std::vector<Parsed<TransferView>>& items);

 private:
  Status begin(std::string_view body, ondemand::object& root);
  Status finish(Status status);
  Status read_root_value(ondemand::json_type type, std::string_view body);
  Status read_object(ondemand::object object, int depth, const std::string_view* names, Slot* slots,
                     std::size_t count);
  Status read_value(ondemand::value value, int depth, Slot* slot);
  Status read_key(ondemand::field& field, std::string_view& key);
  Status read_items(ondemand::array array, std::vector<Parsed<TransferView>>& items,
                    std::size_t& count);
  Status check_keys(std::size_t first);
  Status duplicate_key();
  [[nodiscard]] ledger::Error json_error() const;

  ondemand::parser parser_;
  ondemand::document document_;
  std::string scratch_;                 // unescaped strings; capacity >= body size during a parse
  std::vector<std::string_view> keys_;  // the keys of the objects being read, for duplicates
  std::string_view error_detail_;       // why the body is not valid JSON
};

Status ParserImpl::begin(std::string_view body, ondemand::object& root) {
  // Unescaped strings are appended to scratch_ and viewed there: reserving the body's size up
  // front (an unescaped string is never longer than its JSON) means it never reallocates under
  // a view already handed out.
  scratch_.clear();
  if (scratch_.capacity() < body.size()) scratch_.reserve(body.size());
  keys_.clear();
  error_detail_ = {};
  // nlohmann skips a UTF-8 byte order mark at the start, so the codec accepts one; simdjson
  // does not. The rest of the body is still followed by its padding.
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  const simdjson::padded_string_view input(body.data(), body.size(),
                                           body.size() + http::kBodyPadding);
  ondemand::json_type type{};
  simdjson::error_code error = parser_.iterate(input).get(document_);
  if (!error) error = document_.type().get(type);
  if (error) {
    error_detail_ = simdjson::error_message(error);
    return Status::invalid_json;
  }
  if (type != ondemand::json_type::object) return read_root_value(type, body);
  if ((error = document_.get_object().get(root))) {
    error_detail_ = simdjson::error_message(error);
    return Status::invalid_json;
  }
  return Status::ok;
}

// A root that is not an object is refused, but as the codec does: "not an object" only if it
// is valid JSON, "invalid JSON" otherwise.
Status ParserImpl::read_root_value(ondemand::json_type type, std::string_view body) {
  simdjson::error_code error = simdjson::SUCCESS;
  if (type == ondemand::json_type::array) {
    ondemand::array array;
    if (!(error = document_.get_array().get(array))) {
      for (auto result : array) {
        ondemand::value item;
        if ((error = std::move(result).get(item))) break;
        if (const Status status = read_value(item, 1, nullptr); status != Status::ok) {
          return status;
        }
      }
      if (!error) return finish(Status::not_object);
    }
  } else {
    std::string_view token;
    if (!(error = document_.raw_json_token().get(token))) {
      // A scalar root is the body's only token: its raw token (trailing whitespace included)
      // must run to the end of the body.
      const bool alone = token.data() + token.size() == body.data() + body.size();
      token = json::trim_token(token);
      bool valid = false;
      if (type == ondemand::json_type::number) {
        valid = json::read_number(token).kind != json::Number::Kind::invalid;
      } else if (type == ondemand::json_type::string) {
        const json::RawString raw = json::read_raw_string(token);
        valid = raw.valid && (!raw.escaped || json::unescape(raw.content, scratch_));
      } else {
        valid = json::is_literal(token);
      }
      if (!valid || !alone) {
        error_detail_ = "an invalid value";
        return Status::invalid_json;
      }
    }
  }
  if (error) {
    error_detail_ = simdjson::error_message(error);
    return Status::invalid_json;
  }
  return Status::not_object;
}

// Called once the root object has been read: nothing but whitespace may follow it.
Status ParserImpl::finish(Status status) {
  // current_location() is out of bounds once every token has been read.
  if (status != Status::invalid_json && status != Status::too_deep &&
      document_.current_location().error() != simdjson::OUT_OF_BOUNDS) {
    error_detail_ = "unexpected content after the JSON object";
    return Status::invalid_json;
  }
  return status;
}

ledger::Error ParserImpl::json_error() const {
  // The shared codec's messages quote nlohmann's wording; these name the same fault in
  // simdjson's or our own words. The code, which clients branch on, is the same.
  return bad_request("invalid JSON: " + std::string(error_detail_));
}

Status ParserImpl::read_key(ondemand::field& field, std::string_view& key) {
  // The key ends at its closing quote, found backwards from its value, which on-demand has
  // located: `"key" : value`, so only the whitespace around the ':' is walked, not the key.
  const char* const begin = field.key().raw();
  const char* end = field.value().raw_json_token().data();
  do --end;
  while (is_space(*end));  // on-demand has checked that this is the ':'
  do --end;
  while (is_space(*end));  // and this the key's closing quote
  key = std::string_view(begin, static_cast<std::size_t>(end - begin));
  if (!has_backslash(key)) return Status::ok;
  const std::size_t at = scratch_.size();
  if (!json::unescape(key, scratch_)) {
    error_detail_ = "an invalid escape in a key";
    return Status::invalid_json;
  }
  key = std::string_view(scratch_).substr(at);
  return Status::ok;
}

// Duplicates among the keys of the object that started at keys_[first], then forgets them.
Status ParserImpl::check_keys(std::size_t first) {
  const auto begin = keys_.begin() + static_cast<std::ptrdiff_t>(first);
  bool duplicate = false;
  if (keys_.end() - begin <= 16) {  // our objects: a few comparisons, no sort
    for (auto i = begin; i != keys_.end() && !duplicate; ++i) {
      duplicate = std::find(i + 1, keys_.end(), *i) != keys_.end();
    }
  } else {  // a large object: O(n log n), not O(n^2)
    std::sort(begin, keys_.end());
    duplicate = std::adjacent_find(begin, keys_.end()) != keys_.end();
  }
  keys_.erase(begin, keys_.end());
  return duplicate ? duplicate_key() : Status::ok;
}

Status ParserImpl::duplicate_key() {
  error_detail_ = "a key appears twice in one object";
  return Status::invalid_json;
}

Status ParserImpl::read_object(ondemand::object object, int depth, const std::string_view* names,
                               Slot* slots, std::size_t count) {
  // A wanted key seen twice is caught by a bit per field; only the other keys need keys_.
  std::uint32_t seen = 0;
  std::size_t next = 0;  // where to start looking for the next key among `names`
  const std::size_t first = keys_.size();
  for (auto result : object) {
    ondemand::field field;
    if (const auto error = std::move(result).get(field)) {
      error_detail_ = simdjson::error_message(error);
      return Status::invalid_json;
    }
    std::string_view key;
    if (const Status status = read_key(field, key); status != Status::ok) return status;
    // Clients write the fields in one order, usually ours: try the field after the last match
    // first, and the one comparison that succeeds is usually the only one made.
    Slot* slot = nullptr;
    for (std::size_t tried = 0; tried < count; ++tried) {
      if (next >= count) next = 0;  // wrap around: every name is tried once
      const std::size_t i = next++;
      if (same_key(names[i], key)) {
        if (seen & (1U << i)) return duplicate_key();
        seen |= 1U << i;
        slot = &slots[i];
        next = i + 1;
        break;
      }
    }
    if (slot == nullptr) keys_.push_back(key);
    if (const Status status = read_value(field.value(), depth, slot); status != Status::ok) {
      return status;
    }
  }
  return keys_.size() == first ? Status::ok : check_keys(first);
}

// Checks one value wherever it is (the ignored ones too: nlohmann refuses a malformed value
// anywhere), and records it in `slot` if the request wants it. `depth` is the nesting of the
// container holding it. Scalars are read from their raw token, which leaves them unconsumed:
// on-demand then steps over them.
Status ParserImpl::read_value(ondemand::value value, int depth, Slot* slot) {
  Slot ignored;
  Slot& out = slot != nullptr ? *slot : ignored;
  ondemand::json_type type{};
  simdjson::error_code error = value.type().get(type);
  if (!error) {
    switch (type) {
      case ondemand::json_type::object: {
        if (depth + 1 > kMaxDepth) return Status::too_deep;
        ondemand::object object;
        if ((error = value.get_object().get(object))) break;
        out.kind = Kind::other;
        return read_object(object, depth + 1, nullptr, nullptr, 0);
      }
      case ondemand::json_type::array: {
        if (depth + 1 > kMaxDepth) return Status::too_deep;
        ondemand::array array;
        if ((error = value.get_array().get(array))) break;
        out.kind = Kind::other;
        for (auto result : array) {
          ondemand::value item;
          if ((error = std::move(result).get(item))) break;
          if (const Status status = read_value(item, depth + 1, nullptr); status != Status::ok) {
            return status;
          }
        }
        if (error) break;
        return Status::ok;
      }
      case ondemand::json_type::number: {
        const json::Number number = json::read_number(json::trim_token(value.raw_json_token()));
        if (number.kind == json::Number::Kind::invalid) {
          error_detail_ = "a malformed number, or one too large for a double";
          return Status::invalid_json;
        }
        out.kind = number.kind == json::Number::Kind::integer ? Kind::integer : Kind::other;
        out.number = number.value;
        return Status::ok;
      }
      case ondemand::json_type::string: {
        // Consumed (the other scalars are left for on-demand to step over): skipping an unread
        // string followed by ':' makes on-demand 3.0 take it for a key and step over the fault,
        // so {"a":"b":1}} would pass. Consumed, the next step sees the ':' and refuses it.
        // The token runs to the next structural character: the closing quote ends it, but for
        // the JSON whitespace after it.
        const std::string_view token = json::trim_token(value.raw_json_token());
        ondemand::raw_json_string raw;
        if ((error = value.get_raw_json_string().get(raw))) break;
        if (token.size() < 2 || token.back() != '"') {
          error_detail_ = "an invalid string";
          return Status::invalid_json;
        }
        out.kind = Kind::string;
        out.text = token.substr(1, token.size() - 2);
        if (!has_backslash(out.text)) return Status::ok;
        const std::size_t at = scratch_.size();
        if (json::unescape(out.text, scratch_)) {
          out.text = std::string_view(scratch_).substr(at);
          return Status::ok;
        }
        error_detail_ = "an invalid escape in a string";
        return Status::invalid_json;
      }
      case ondemand::json_type::boolean:
      case ondemand::json_type::null: {
        const std::string_view token = json::trim_token(value.raw_json_token());
        if (!json::is_literal(token)) {
          error_detail_ = "an invalid literal";
          return Status::invalid_json;
        }
        out.kind = token == "null" ? Kind::null : Kind::other;
        return Status::ok;
      }
    }
  }
  error_detail_ = error ? simdjson::error_message(error) : "an unexpected token";
  return Status::invalid_json;
}

}  // namespace detail

namespace {

// The codec's answer for a body that is not a usable object.
ledger::Error envelope_error(Status status, const ledger::Error& json_error) {
  switch (status) {
    case Status::too_deep:
      return bad_request("invalid JSON: nested deeper than " + std::to_string(kMaxDepth) +
                         " levels");
    case Status::not_object:
      return bad_request("the body must be a JSON object");
    default:
      return json_error;
  }
}

}  // namespace

namespace detail {

Parsed<NewAccountView> ParserImpl::new_account(std::string_view body) {
  ondemand::object root;
  Slot slots[std::size(kNewAccountFields)];
  Status status = begin(body, root);
  if (status == Status::ok) status = finish(read_object(root, 1, kNewAccountFields, slots, 2));
  if (status != Status::ok) return envelope_error(status, json_error());
  FieldChecker checker(slots);
  NewAccountView account;
  checker.string(0, "owner", Length{1, ledger::kMaxOwnerBytes}, account.owner);
  checker.string(1, "currency", kAnyLength, account.currency);
  if (checker.error) return *std::move(checker.error);
  return account;
}

Parsed<DepositView> ParserImpl::deposit(std::string_view body) {
  ondemand::object root;
  Slot slots[std::size(kDepositFields)];
  Status status = begin(body, root);
  if (status == Status::ok) status = finish(read_object(root, 1, kDepositFields, slots, 2));
  if (status != Status::ok) return envelope_error(status, json_error());
  FieldChecker checker(slots);
  DepositView deposit;
  checker.amount(0, "amount", deposit.amount);
  checker.string(1, "request_id", Length{1, ledger::kMaxRequestIdBytes}, deposit.request_id);
  if (checker.error) return *std::move(checker.error);
  return deposit;
}

Parsed<TransferView> ParserImpl::transfer(std::string_view body) {
  ondemand::object root;
  Slot slots[kTransferFieldCount];
  Status status = begin(body, root);
  if (status == Status::ok) {
    status = finish(read_object(root, 1, kTransferFields, slots, kTransferFieldCount));
  }
  if (status != Status::ok) return envelope_error(status, json_error());
  return check_transfer(slots);
}

// The items of "transfers" (depth 2), each checked on its own; past kMaxBatchTransfers they are
// still read (the whole body must be valid JSON) and counted, but not kept.
Status ParserImpl::read_items(ondemand::array array, std::vector<Parsed<TransferView>>& items,
                              std::size_t& count) {
  for (auto result : array) {
    ondemand::value item;
    ondemand::json_type type{};
    simdjson::error_code error = std::move(result).get(item);
    if (!error) error = item.type().get(type);
    if (error) {
      error_detail_ = simdjson::error_message(error);
      return Status::invalid_json;
    }
    ++count;
    const bool keep = count <= ledger::kMaxBatchTransfers;
    if (type != ondemand::json_type::object) {
      if (const Status status = read_value(item, 2, nullptr); status != Status::ok) return status;
      if (keep) items.emplace_back(bad_request("each transfer must be a JSON object"));
      continue;
    }
    ondemand::object object;
    if ((error = item.get_object().get(object))) {
      error_detail_ = simdjson::error_message(error);
      return Status::invalid_json;
    }
    Slot slots[kTransferFieldCount];
    const Status status = read_object(object, 3, kTransferFields, slots, kTransferFieldCount);
    if (status != Status::ok) return status;
    if (keep) items.push_back(check_transfer(slots));
  }
  return Status::ok;
}

std::optional<ledger::Error> ParserImpl::transfer_batch(std::string_view body,
                                                        std::vector<Parsed<TransferView>>& items) {
  items.clear();
  ondemand::object root;
  Status status = begin(body, root);
  bool found = false;
  bool is_array = false;
  std::size_t count = 0;
  if (status == Status::ok) {
    const std::size_t first = keys_.size();
    for (auto result : root) {
      ondemand::field field;
      if (const auto error = std::move(result).get(field)) {
        error_detail_ = simdjson::error_message(error);
        status = Status::invalid_json;
        break;
      }
      std::string_view key;
      if ((status = read_key(field, key)) != Status::ok) break;
      keys_.push_back(key);
      ondemand::json_type type{};
      ondemand::array array;
      if (key == "transfers" && field.value().type().get(type) == simdjson::SUCCESS &&
          type == ondemand::json_type::array &&
          field.value().get_array().get(array) == simdjson::SUCCESS) {
        found = is_array = true;  // a second "transfers" fails the duplicate check below
        status = read_items(array, items, count);
      } else {
        found = found || key == "transfers";
        status = read_value(field.value(), 1, nullptr);
      }
      if (status != Status::ok) break;
    }
    if (status == Status::ok) status = finish(check_keys(first));
  }
  std::optional<ledger::Error> error;
  if (status != Status::ok) {
    error = envelope_error(status, json_error());
  } else if (!found) {
    error = bad_request("missing field 'transfers'");
  } else if (!is_array) {
    error = bad_request("field 'transfers' must be an array");
  } else if (count > ledger::kMaxBatchTransfers) {
    error = bad_request("a batch holds at most " + std::to_string(ledger::kMaxBatchTransfers) +
                        " transfers, not " + std::to_string(count));
  }
  if (error) items.clear();
  return error;
}

}  // namespace detail

RequestParser::RequestParser() : impl_(std::make_unique<detail::ParserImpl>()) {}
RequestParser::~RequestParser() = default;

Parsed<NewAccountView> RequestParser::new_account(std::string_view body) {
  return impl_->new_account(body);
}
Parsed<DepositView> RequestParser::deposit(std::string_view body) { return impl_->deposit(body); }
Parsed<TransferView> RequestParser::transfer(std::string_view body) {
  return impl_->transfer(body);
}
std::optional<ledger::Error> RequestParser::transfer_batch(
    std::string_view body, std::vector<Parsed<TransferView>>& items) {
  return impl_->transfer_batch(body, items);
}

}  // namespace archbench::zero_copy
