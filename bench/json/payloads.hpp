// The workload's own request bodies, drawn with a fixed seed the way bench/loadgen draws them
// (request_generator.cpp): a deposit, a transfer, and batches of 1 000 and 10 000 transfers.
// Each is held as the transport holds a body: followed by http::kBodyPadding bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace archbench::json_bench {

enum class PayloadKind { deposit, transfer, batch };

class Payload {
 public:
  Payload(std::string name, PayloadKind kind, std::string body);
  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] PayloadKind kind() const { return kind_; }
  [[nodiscard]] std::string_view body() const { return {buffer_.data(), size_}; }

 private:
  std::string name_;
  PayloadKind kind_;
  std::string buffer_;  // the body, then the padding
  std::size_t size_;
};

// deposit, transfer, batch_1000, batch_10000.
[[nodiscard]] std::vector<Payload> make_payloads();

}  // namespace archbench::json_bench
