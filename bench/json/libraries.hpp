// The competitors, one file each (as simdjson's own benchmarks lay them out): each reads a
// payload into the same plain fields, so that a run can check every library's answer against
// the shared codec's before timing it. Strings are views: into the input where the library
// allows it (zero-copy), into its own document or result otherwise. Views live until the
// library's next parse.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/payloads.hpp"

namespace archbench::json_bench {

struct TransferFields {
  std::string_view from;
  std::string_view to;
  std::int64_t amount = 0;
  std::string_view currency;
  std::string_view request_id;
  std::optional<std::string_view> memo;
  bool operator==(const TransferFields&) const = default;
};

// What a parse extracts: one deposit, or transfers (one, or a batch's items).
struct Fields {
  std::int64_t deposit_amount = 0;
  std::string_view deposit_request_id;
  std::vector<TransferFields> transfers;  // cleared by each parse, capacity kept
};

class Parser {
 public:
  virtual ~Parser() = default;
  // False if the payload was refused (it never should be: these are valid bodies).
  virtual bool parse(const Payload& payload, Fields& out) = 0;
};

// Each checks what the contract needs of these fields (present, right JSON type); only the
// shared codec and the zero-copy parser check every rule (lengths, duplicates, nesting...).
std::unique_ptr<Parser> make_nlohmann_dom();       // nlohmann::json::parse, then lookups
std::unique_ptr<Parser> make_shared_codec();       // common/ledger/json_codec.hpp
std::unique_ptr<Parser> make_simdjson_dom();       // simdjson::dom::parser, reused
std::unique_ptr<Parser> make_simdjson_ondemand();  // zero-copy/json/request_parser.hpp

// Writing the same fields back as JSON (a body with the payload's shape) into `out`.
void serialise_nlohmann(PayloadKind kind, const Fields& fields, std::string& out);
void serialise_by_hand(PayloadKind kind, const Fields& fields, std::string& out);

}  // namespace archbench::json_bench
