// Bodies shaped exactly like bench/loadgen's (same field order, ids and amount ranges), drawn
// from the same seeded generator (loadgen/rng.hpp) so that every run parses the same bytes.
#include "json/payloads.hpp"

#include "common/http/request.hpp"
#include "loadgen/rng.hpp"

namespace archbench::json_bench {
namespace {

constexpr std::uint64_t kSeed = 42;
constexpr std::int64_t kAccounts = 1000;

class BodyWriter {
 public:
  std::string deposit() {
    std::string out = R"({"amount":)" + std::to_string(rng_.between(1, 10'000)) +
                      R"(,"request_id":")" + request_id(-1) + "\"}";
    return out;
  }
  void transfer(std::string& out, std::int64_t item) {
    const std::int64_t from = rng_.between(1, kAccounts);
    std::int64_t to = rng_.between(1, kAccounts);
    if (to == from) to = from % kAccounts + 1;
    out += R"({"from":"acc-)" + std::to_string(from) + R"(","to":"acc-)" + std::to_string(to) +
           R"(","amount":)" + std::to_string(rng_.between(1, 10'000)) +
           R"(,"currency":"EUR","request_id":")" + request_id(item) + "\"}";
  }
  std::string batch(std::int64_t items) {
    std::string out = R"({"transfers":[)";
    for (std::int64_t i = 0; i < items; ++i) {
      if (i > 0) out += ',';
      transfer(out, i);
    }
    return out + "]}";
  }

 private:
  // As the load generator's: run tag, stream, sequence and (in a batch) item.
  std::string request_id(std::int64_t item) {
    std::string id = "r8f3c-0-" + std::to_string(++sequence_);
    if (item >= 0) id += "-" + std::to_string(item);
    return id;
  }
  loadgen::Rng rng_{kSeed};
  std::int64_t sequence_ = 0;
};

}  // namespace

Payload::Payload(std::string name, PayloadKind kind, std::string body)
    : name_(std::move(name)), kind_(kind), buffer_(std::move(body)), size_(buffer_.size()) {
  buffer_.append(http::kBodyPadding, ' ');
}

std::vector<Payload> make_payloads() {
  BodyWriter writer;
  std::vector<Payload> payloads;
  payloads.emplace_back("deposit", PayloadKind::deposit, writer.deposit());
  std::string transfer;
  writer.transfer(transfer, -1);
  payloads.emplace_back("transfer", PayloadKind::transfer, std::move(transfer));
  payloads.emplace_back("batch_1000", PayloadKind::batch, writer.batch(1'000));
  payloads.emplace_back("batch_10000", PayloadKind::batch, writer.batch(10'000));
  return payloads;
}

}  // namespace archbench::json_bench
