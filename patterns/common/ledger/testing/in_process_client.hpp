// Sends requests to a backend through the shared HTTP front (ledger::make_http_handler) without
// sockets: routing, /metrics counting and the backend's Service run exactly as in the server,
// the transport's parsing and syscalls do not. What is measured is the pattern, not the kernel.
#pragma once

#include <string>

#include "common/http/handler.hpp"
#include "common/ledger/metrics.hpp"
#include "common/ledger/service.hpp"
#include "micro/capture_sink.hpp"
#include "micro/padded_request.hpp"

namespace archbench::micro {

class InProcessClient {
 public:
  // `service` must outlive the client; `backend` names it in /metrics.
  InProcessClient(ledger::Service& service, std::string backend);
  InProcessClient(const InProcessClient&) = delete;
  InProcessClient& operator=(const InProcessClient&) = delete;

  // Sends one request and waits for its answer. The answer stays valid until the next send().
  const http::Response& send(const PaddedRequest& request);

 private:
  ledger::Metrics metrics_;  // before handler_, which counts into it
  http::Handler handler_;
  CaptureSink sink_;
};

}  // namespace archbench::micro
