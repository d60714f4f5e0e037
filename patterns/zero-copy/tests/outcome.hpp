// Both parsers' answers brought to one comparable form, so that a test can say "same outcome":
// the same values, or the same error. Error messages are compared too, except for malformed
// JSON, where each library words the fault its own way (the code, which clients branch on, is
// still compared).
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/http/request.hpp"
#include "common/ledger/json_codec.hpp"
#include "zero-copy/json/request_parser.hpp"

namespace archbench::zero_copy::testing {

// A body laid out as the transport hands it over: followed by http::kBodyPadding bytes. The
// padding holds characters that would change the meaning if a parser read them as JSON.
class PaddedBody {
 public:
  explicit PaddedBody(std::string_view body) : buffer_(body) {
    buffer_.append(http::kBodyPadding, '"');
    size_ = body.size();
  }
  [[nodiscard]] std::string_view view() const { return {buffer_.data(), size_}; }

 private:
  std::string buffer_;
  std::size_t size_ = 0;
};

std::string describe(const ledger::Error& error);
std::string describe(const ledger::NewAccount& value);
std::string describe(const ledger::DepositRequest& value);
std::string describe(const ledger::TransferRequest& value);
std::string describe(const NewAccountView& value);
std::string describe(const DepositView& value);
std::string describe(const TransferView& value);

template <class T>
std::string describe(const std::variant<T, ledger::Error>& parsed) {
  return std::visit([](const auto& alternative) { return describe(alternative); }, parsed);
}

// The batch: the envelope's error, or every item's outcome.
std::string describe_batch(
    const ledger::Parsed<std::vector<ledger::Parsed<ledger::TransferRequest>>>& parsed);
std::string describe_batch(const std::optional<ledger::Error>& envelope,
                           const std::vector<Parsed<TransferView>>& items);

// One body through the shared codec and through `parser`, each described.
struct Answers {
  std::string codec;
  std::string zero_copy;
};
enum class BodyKind { new_account, deposit, transfer, batch };
Answers answer_both(BodyKind kind, std::string_view body, RequestParser& parser);

}  // namespace archbench::zero_copy::testing
