// Sends requests to a backend through the shared HTTP front (ledger::make_http_handler) without
// sockets: routing, /metrics counting and the backend's Service run exactly as in the server,
// the transport's parsing and syscalls do not. Bodies are padded as the transport pads them,
// and answers may come inline or later from any thread. What every backend's unit tests and
// archbench-micro drive a Service with.
#pragma once

#include <string>
#include <string_view>

#include "common/http/handler.hpp"
#include "common/ledger/metrics.hpp"
#include "common/ledger/service.hpp"
#include "common/ledger/testing/capture_sink.hpp"
#include "common/ledger/testing/padded_request.hpp"

namespace archbench::ledger::testing {

class InProcessClient {
 public:
  // `service` must outlive the client; `backend` names it in /metrics.
  explicit InProcessClient(Service& service, std::string backend = "test");
  InProcessClient(const InProcessClient&) = delete;
  InProcessClient& operator=(const InProcessClient&) = delete;

  // Sends one request and waits for its answer. The answer stays valid until the next send().
  const http::Response& send(const PaddedRequest& request);
  // The same for a request written out here: `method` must be a literal (see PaddedRequest).
  const http::Response& send(std::string_view method, std::string_view target,
                             std::string_view body = {});

  // What /metrics counts: every answer sent through this client.
  [[nodiscard]] const Metrics& metrics() const noexcept { return metrics_; }

 private:
  Metrics metrics_;  // before handler_, which counts into it
  http::Handler handler_;
  CaptureSink sink_;
  PaddedRequest scratch_;  // the request of the second send(), reused
};

}  // namespace archbench::ledger::testing
