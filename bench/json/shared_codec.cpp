// The project's own codec (nlohmann through a SAX builder, every contract rule checked), into
// owned messages; the fields are views into those.
#include "common/ledger/json_codec.hpp"
#include "json/libraries.hpp"

namespace archbench::json_bench {
namespace {

TransferFields view_of(const ledger::TransferRequest& request) {
  TransferFields fields{request.from,     request.to,         request.amount,
                        request.currency, request.request_id, {}};
  if (request.memo) fields.memo = *request.memo;
  return fields;
}

class SharedCodec final : public Parser {
 public:
  bool parse(const Payload& payload, Fields& out) override {
    out.transfers.clear();
    switch (payload.kind()) {
      case PayloadKind::deposit: {
        auto parsed = ledger::parse_deposit_request(payload.body());
        if (parsed.index() != 0) return false;
        deposit_ = std::get<0>(std::move(parsed));
        out.deposit_amount = deposit_.amount;
        out.deposit_request_id = deposit_.request_id;
        return true;
      }
      case PayloadKind::transfer: {
        auto parsed = ledger::parse_transfer_request(payload.body());
        if (parsed.index() != 0) return false;
        transfer_ = std::get<0>(std::move(parsed));
        out.transfers.push_back(view_of(transfer_));
        return true;
      }
      case PayloadKind::batch: {
        auto parsed = ledger::parse_transfer_batch(payload.body());
        if (parsed.index() != 0) return false;
        batch_ = std::get<0>(std::move(parsed));
        for (const auto& item : batch_) {
          if (item.index() != 0) return false;
          out.transfers.push_back(view_of(std::get<0>(item)));
        }
        return true;
      }
    }
    return false;
  }

 private:
  ledger::DepositRequest deposit_;
  ledger::TransferRequest transfer_;
  std::vector<ledger::Parsed<ledger::TransferRequest>> batch_;
};

}  // namespace

std::unique_ptr<Parser> make_shared_codec() { return std::make_unique<SharedCodec>(); }

// The codec's way of writing: appends into a reused string, escaping with write_json_string.
void serialise_by_hand(PayloadKind kind, const Fields& fields, std::string& out) {
  out.clear();
  const auto transfer = [&](const TransferFields& t) {
    out += R"({"from":)";
    ledger::write_json_string(t.from, out);
    out += R"(,"to":)";
    ledger::write_json_string(t.to, out);
    out += R"(,"amount":)";
    out += std::to_string(t.amount);
    out += R"(,"currency":)";
    ledger::write_json_string(t.currency, out);
    out += R"(,"request_id":)";
    ledger::write_json_string(t.request_id, out);
    if (t.memo) {
      out += R"(,"memo":)";
      ledger::write_json_string(*t.memo, out);
    }
    out += '}';
  };
  switch (kind) {
    case PayloadKind::deposit:
      out += R"({"amount":)";
      out += std::to_string(fields.deposit_amount);
      out += R"(,"request_id":)";
      ledger::write_json_string(fields.deposit_request_id, out);
      out += '}';
      break;
    case PayloadKind::transfer:
      transfer(fields.transfers.front());
      break;
    case PayloadKind::batch:
      out += R"({"transfers":[)";
      for (std::size_t i = 0; i < fields.transfers.size(); ++i) {
        if (i > 0) out += ',';
        transfer(fields.transfers[i]);
      }
      out += "]}";
      break;
  }
}

}  // namespace archbench::json_bench
