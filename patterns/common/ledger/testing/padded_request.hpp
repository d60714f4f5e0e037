// One request as a test or benchmark holds it before sending: owned strings, laid out the way the
// transport hands requests to handlers (a body followed by http::kBodyPadding readable bytes).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/http/request.hpp"

namespace archbench::ledger::testing {

class PaddedRequest {
 public:
  // Starts a new request, keeping the strings' capacity: `method` must be a literal.
  void reset(std::string_view method) {
    method_ = method;
    target_.clear();
    buffer_.clear();
    body_size_ = 0;
  }
  std::string& target() { return target_; }
  // Append the body here, then call seal().
  std::string& body() { return buffer_; }
  // Ends the body and adds the padding after it.
  void seal() {
    body_size_ = buffer_.size();
    buffer_.append(http::kBodyPadding, '\0');
  }

  [[nodiscard]] http::Request view() const {
    return {
        .method = method_, .target = target_, .body = std::string_view(buffer_.data(), body_size_)};
  }
  // What the request carries: method, target and body (no HTTP framing in-process).
  [[nodiscard]] std::size_t bytes() const { return method_.size() + target_.size() + body_size_; }
  // "POST /transfers {...}", cut to `limit` bytes: for error messages.
  [[nodiscard]] std::string describe(std::size_t limit = 160) const;

 private:
  std::string_view method_ = "GET";
  std::string target_;
  std::string buffer_;  // the body, then the padding once sealed
  std::size_t body_size_ = 0;
};

}  // namespace archbench::ledger::testing
