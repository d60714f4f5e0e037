// The in-process client: one CaptureSink, one Responder per request, the shared front's handler.
#include "common/ledger/testing/in_process_client.hpp"

#include <utility>

namespace archbench::ledger::testing {

InProcessClient::InProcessClient(Service& service, std::string backend)
    : handler_(make_http_handler(service, metrics_, std::move(backend))) {}

const http::Response& InProcessClient::send(const PaddedRequest& request) {
  sink_.expect_answer();
  // No keep-alive owner: the sink outlives every Responder it hands out.
  handler_(request.view(), http::Responder(&sink_, nullptr));
  return sink_.wait();
}

const http::Response& InProcessClient::send(std::string_view method, std::string_view target,
                                            std::string_view body) {
  scratch_.reset(method);
  scratch_.target() = target;
  scratch_.body() = body;
  scratch_.seal();
  return send(scratch_);
}

}  // namespace archbench::ledger::testing
