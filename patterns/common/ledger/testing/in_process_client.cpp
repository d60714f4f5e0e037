#include "micro/in_process_client.hpp"

#include <utility>

namespace archbench::micro {

InProcessClient::InProcessClient(ledger::Service& service, std::string backend)
    : handler_(ledger::make_http_handler(service, metrics_, std::move(backend))) {}

const http::Response& InProcessClient::send(const PaddedRequest& request) {
  sink_.expect_answer();
  // No keep-alive owner: the sink outlives every Responder it hands out.
  handler_(request.view(), http::Responder(&sink_, nullptr));
  return sink_.wait();
}

}  // namespace archbench::micro
