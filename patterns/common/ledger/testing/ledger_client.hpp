// The contract's operations as calls, for unit tests: `call(Route::deposit, "acc-1", body)`
// becomes `POST /accounts/acc-1/deposits` through an InProcessClient (the shared front, a
// padded body, an answer inline or from another thread), and the answer comes back parsed.
// What a backend's unit tests and the shared contract suite (contract_suite.hpp) write instead
// of HTTP targets and JSON parsing.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/ledger/contract.hpp"
#include "common/ledger/metrics.hpp"
#include "common/ledger/service.hpp"
#include "common/ledger/testing/in_process_client.hpp"
#include "common/ledger/testing/padded_request.hpp"

namespace archbench::ledger::testing {

// One answer, kept: status, body and the body parsed (null if it was not JSON).
struct Answer {
  int status = 0;
  std::string body;
  nlohmann::json value;

  // The error's code and message, or "" when the answer carries none (so that a test comparing
  // them fails with a readable message instead of throwing, also on a test's worker thread).
  [[nodiscard]] std::string code() const;
  [[nodiscard]] std::string message() const;
};

class LedgerClient {
 public:
  // `service` must outlive the client; `backend` names it in /metrics. One client sends one
  // request at a time, like a connection: give each thread of a test its own.
  explicit LedgerClient(Service& service, std::string backend = "test");

  // One request of the contract, by its route: `account_id` fills /accounts/{id}/..., `limit`
  // the ?limit= of list_transactions (left out when it is the default).
  Answer call(Route route, std::string_view account_id = {}, std::string_view body = {},
              int limit = kDefaultTransactionLimit);
  // Any request, as written: `method` must be a literal (see PaddedRequest).
  Answer send(std::string_view method, std::string_view target, std::string_view body = {});

  // What /metrics counts: every answer sent through this client.
  [[nodiscard]] const Metrics& metrics() const noexcept { return client_.metrics(); }

 private:
  Answer answer(const PaddedRequest& request);

  InProcessClient client_;
  PaddedRequest request_;  // reused from one call to the next
};

}  // namespace archbench::ledger::testing
