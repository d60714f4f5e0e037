// simdjson's DOM: the whole document to a tape (run-time dispatched kernel), then lookups.
// Strings come from its string buffer, not the input: DOM parsing unescapes every string.
#include <simdjson.h>

#include "json/libraries.hpp"

namespace archbench::json_bench {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

bool read_transfer(element item, TransferFields& out) {
  object fields;
  if (item.get(fields)) return false;
  if (fields["from"].get(out.from) || fields["to"].get(out.to) ||
      fields["amount"].get(out.amount) || fields["currency"].get(out.currency) ||
      fields["request_id"].get(out.request_id)) {
    return false;
  }
  element memo;
  if (!fields["memo"].get(memo) && !memo.is_null()) {
    std::string_view text;
    if (memo.get(text)) return false;
    out.memo = text;
  }
  return true;
}

class SimdjsonDom final : public Parser {
 public:
  bool parse(const Payload& payload, Fields& out) override {
    out.transfers.clear();
    element root;
    // The body is padded: no copy (realloc_if_needed = false).
    if (parser_.parse(payload.body().data(), payload.body().size(), false).get(root)) {
      return false;
    }
    switch (payload.kind()) {
      case PayloadKind::deposit:
        return !root["amount"].get(out.deposit_amount) &&
               !root["request_id"].get(out.deposit_request_id);
      case PayloadKind::transfer:
        return read_transfer(root, out.transfers.emplace_back());
      case PayloadKind::batch: {
        simdjson::dom::array items;
        if (root["transfers"].get(items)) return false;
        for (element item : items) {
          if (!read_transfer(item, out.transfers.emplace_back())) return false;
        }
        return true;
      }
    }
    return false;
  }

 private:
  simdjson::dom::parser parser_;
};

}  // namespace

std::unique_ptr<Parser> make_simdjson_dom() { return std::make_unique<SimdjsonDom>(); }

}  // namespace archbench::json_bench
