// nlohmann_json as most code uses it: parse a DOM, look the fields up, check their types.
#include <nlohmann/json.hpp>

#include "json/libraries.hpp"

namespace archbench::json_bench {
namespace {

using nlohmann::json;

bool read_string(const json& object, const char* key, std::string_view& out) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return false;
  out = it->get_ref<const std::string&>();
  return true;
}

bool read_transfer(const json& object, TransferFields& out) {
  if (!object.is_object()) return false;
  const auto amount = object.find("amount");
  if (amount == object.end() || !amount->is_number_integer()) return false;
  out.amount = amount->get<std::int64_t>();
  if (const auto memo = object.find("memo"); memo != object.end() && !memo->is_null()) {
    if (!memo->is_string()) return false;
    out.memo = memo->get_ref<const std::string&>();
  }
  return read_string(object, "from", out.from) && read_string(object, "to", out.to) &&
         read_string(object, "currency", out.currency) &&
         read_string(object, "request_id", out.request_id);
}

class NlohmannDom final : public Parser {
 public:
  bool parse(const Payload& payload, Fields& out) override {
    out.transfers.clear();
    document_ = json::parse(payload.body(), nullptr, /*allow_exceptions=*/false);
    if (!document_.is_object()) return false;
    switch (payload.kind()) {
      case PayloadKind::deposit: {
        const auto amount = document_.find("amount");
        if (amount == document_.end() || !amount->is_number_integer()) return false;
        out.deposit_amount = amount->get<std::int64_t>();
        return read_string(document_, "request_id", out.deposit_request_id);
      }
      case PayloadKind::transfer:
        return read_transfer(document_, out.transfers.emplace_back());
      case PayloadKind::batch: {
        const auto items = document_.find("transfers");
        if (items == document_.end() || !items->is_array()) return false;
        for (const json& item : *items) {
          if (!read_transfer(item, out.transfers.emplace_back())) return false;
        }
        return true;
      }
    }
    return false;
  }

 private:
  json document_;  // the views point into it
};

}  // namespace

std::unique_ptr<Parser> make_nlohmann_dom() { return std::make_unique<NlohmannDom>(); }

void serialise_nlohmann(PayloadKind kind, const Fields& fields, std::string& out) {
  const auto transfer = [](const TransferFields& t) {
    json object = {{"from", t.from},
                   {"to", t.to},
                   {"amount", t.amount},
                   {"currency", t.currency},
                   {"request_id", t.request_id}};
    if (t.memo) object["memo"] = *t.memo;
    return object;
  };
  json document;
  switch (kind) {
    case PayloadKind::deposit:
      document = {{"amount", fields.deposit_amount}, {"request_id", fields.deposit_request_id}};
      break;
    case PayloadKind::transfer:
      document = transfer(fields.transfers.front());
      break;
    case PayloadKind::batch: {
      json items = json::array();
      for (const TransferFields& t : fields.transfers) items.push_back(transfer(t));
      document = {{"transfers", std::move(items)}};
      break;
    }
  }
  out = document.dump();
}

}  // namespace archbench::json_bench
