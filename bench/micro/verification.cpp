#include "micro/verification.hpp"

#include <utility>

#include "micro/id_normaliser.hpp"

namespace archbench::micro {
std::size_t verified_prefix(Workload workload) noexcept {
  return workload == Workload::transfer_batch ? 3 : 200;
}

Transcript record_transcript(ledger::Service& service, std::string backend, Workload workload) {
  InProcessClient client(service, std::move(backend));
  IdNormaliser ids;
  Transcript transcript;
  auto record = [&](const PaddedRequest& request, const http::Response& response) {
    transcript.push_back({.request = request.describe(),
                          .status = response.status,
                          .body = ids.normalise(response.body)});
  };
  const auto account_ids = set_up_ledger(client, record);
  RequestGenerator stream(workload, account_ids, kStreamSeed, std::string(kStreamTag));
  PaddedRequest request;
  for (std::size_t i = 0; i < verified_prefix(workload); ++i) {
    stream.next(request);
    record(request, client.send(request));
  }
  return transcript;
}

std::optional<std::string> first_difference(const Transcript& expected, const Transcript& actual) {
  if (expected.size() != actual.size()) {
    return "the runs differ in length: " + std::to_string(expected.size()) + " and " +
           std::to_string(actual.size()) + " requests";
  }
  constexpr std::size_t kShown = 300;  // enough of a body to see what differs
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& want = expected[i];
    const auto& got = actual[i];
    if (want.status == got.status && want.body == got.body) continue;
    return "request " + std::to_string(i) + " (" + got.request + ") answered " +
           std::to_string(got.status) + " " + got.body.substr(0, kShown) +
           "; the baseline answered " + std::to_string(want.status) + " " +
           want.body.substr(0, kShown);
  }
  return std::nullopt;
}

}  // namespace archbench::micro
