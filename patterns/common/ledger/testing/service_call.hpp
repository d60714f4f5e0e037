// DEPRECATED: use the in-process harness of this folder instead (in_process_client.hpp, library
// archbench_ledger_testing): it pads bodies as the transport does and waits for answers given
// later from other threads, which this helper cannot. Kept until the baseline's and hexagonal's
// tests have moved over.
//
// Drives a backend's ledger::Service in process, as the shared HTTP front would, and captures
// its one answer: what a backend's unit tests use to check its rules without sockets.
// (The conformance suite checks the same contract over real HTTP.) Test-only: uses GoogleTest.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/ledger/service.hpp"

namespace archbench::ledger::testing {

class CapturingSink final : public http::ResponseSink {
 public:
  void complete(http::Response&& response) override { responses.push_back(std::move(response)); }
  std::vector<http::Response> responses;
};

struct Answer {
  int status = 0;
  std::string body;
  nlohmann::json value;
  [[nodiscard]] std::string code() const { return value.at("error").at("code").get<std::string>(); }
};

// Hands `service` one Call and expects exactly one inline answer, parsed as JSON.
inline Answer call(Service& service, Metrics& metrics, Route route, std::string_view account_id,
                   const std::string& body, int limit = kDefaultTransactionLimit) {
  CapturingSink sink;
  service.handle(Call{.route = route, .account_id = account_id, .limit = limit, .body = body},
                 Reply(http::Responder(&sink, nullptr), &metrics, route));
  EXPECT_EQ(sink.responses.size(), 1U);
  if (sink.responses.empty()) return {};
  const http::Response& response = sink.responses.front();
  return {response.status, response.body, nlohmann::json::parse(response.body)};
}

}  // namespace archbench::ledger::testing
