// simdjson on-demand, through the zero-copy pattern's parser: every field a view into the
// padded input, every contract rule checked (lengths, duplicates, number forms, nesting...).
#include "json/libraries.hpp"
#include "zero-copy/json/request_parser.hpp"

namespace archbench::json_bench {
namespace {

TransferFields fields_of(const zero_copy::TransferView& view) {
  return {view.from, view.to, view.amount, view.currency, view.request_id, view.memo};
}

class SimdjsonOndemand final : public Parser {
 public:
  bool parse(const Payload& payload, Fields& out) override {
    out.transfers.clear();
    switch (payload.kind()) {
      case PayloadKind::deposit: {
        const auto parsed = parser_.deposit(payload.body());
        if (parsed.index() != 0) return false;
        out.deposit_amount = std::get<0>(parsed).amount;
        out.deposit_request_id = std::get<0>(parsed).request_id;
        return true;
      }
      case PayloadKind::transfer: {
        const auto parsed = parser_.transfer(payload.body());
        if (parsed.index() != 0) return false;
        out.transfers.push_back(fields_of(std::get<0>(parsed)));
        return true;
      }
      case PayloadKind::batch:
        if (parser_.transfer_batch(payload.body(), items_)) return false;
        for (const auto& item : items_) {
          if (item.index() != 0) return false;
          out.transfers.push_back(fields_of(std::get<0>(item)));
        }
        return true;
    }
    return false;
  }

 private:
  zero_copy::RequestParser parser_;
  std::vector<zero_copy::Parsed<zero_copy::TransferView>> items_;  // reused across parses
};

}  // namespace

std::unique_ptr<Parser> make_simdjson_ondemand() { return std::make_unique<SimdjsonOndemand>(); }

}  // namespace archbench::json_bench
