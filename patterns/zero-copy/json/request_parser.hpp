// The zero-copy request parser: simdjson on-demand over the transport's buffer, in place.
//
// Every body is handed over as http::Request::body is: a view followed by http::kBodyPadding
// readable bytes, which is what simdjson needs to read in 64-byte blocks without copying the
// body into a padded string first. Fields come out as views (request_views.hpp):
// - a string without a backslash is a view straight into the body: no copy at all;
// - a string with an escape cannot be (its bytes differ from the text it stands for), so it is
//   unescaped into the parser's scratch buffer, reserved to the body's size before the parse
//   starts so that it never moves under the views already handed out. Escapes are rare in this
//   workload (ids and currencies are ASCII), so the common path stays copy-free, and the rare
//   one still allocates nothing once the buffer has grown.
// A parser is reused (one per connection or per thread: it is not thread-safe); after the first
// few parses it allocates nothing for a valid body. The views live until its next parse.
//
// The contract is the shared codec's (common/ledger/json_codec.hpp), rule for rule, with the
// same errors: every value in the body is checked, even the ignored ones, because nlohmann
// refuses the whole body for a malformed value anywhere; a key present twice in one object, at
// any depth, is refused; nesting is capped at the same 32 levels. The agreement tests
// (../tests/agreement_test.cpp) run both parsers over the same bodies.
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "common/ledger/json_codec.hpp"
#include "zero-copy/json/request_views.hpp"

namespace archbench::zero_copy {

using ledger::Parsed;

namespace detail {
class ParserImpl;  // simdjson stays behind this: see request_parser.cpp for why
}

class RequestParser {
 public:
  RequestParser();
  ~RequestParser();
  RequestParser(const RequestParser&) = delete;
  RequestParser& operator=(const RequestParser&) = delete;

  // `body` must be followed by http::kBodyPadding readable bytes (their content is ignored).
  [[nodiscard]] Parsed<NewAccountView> new_account(std::string_view body);
  [[nodiscard]] Parsed<DepositView> deposit(std::string_view body);
  [[nodiscard]] Parsed<TransferView> transfer(std::string_view body);
  // `{"transfers": [...]}`: the envelope's error, or nullopt and one Parsed per item in `items`
  // (cleared first; pass the same vector every time to keep its capacity).
  [[nodiscard]] std::optional<ledger::Error> transfer_batch(
      std::string_view body, std::vector<Parsed<TransferView>>& items);

 private:
  std::unique_ptr<detail::ParserImpl> impl_;
};

}  // namespace archbench::zero_copy
