// What a backend implements, and the shared HTTP front that drives it.
//
// The front (make_http_handler) routes each request, answers /health, /metrics, 404 and 405
// itself, counts every answer for /metrics, and hands the rest to the backend's Service as a
// Call. A backend therefore holds only what makes its pattern what it is.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "common/http/handler.hpp"
#include "common/ledger/contract.hpp"
#include "common/ledger/metrics.hpp"

namespace archbench::ledger {

// One request, routed. The views live until the Reply is sent.
struct Call {
  Route route = Route::unknown;
  std::string_view account_id;           // the {id} of /accounts/{id}/..., else empty
  int limit = kDefaultTransactionLimit;  // list_transactions only, already checked
  std::string_view body;                 // padded: http::kBodyPadding readable bytes follow it
};

// Answers one Call exactly once, from any thread, now or later. A second answer aborts the
// process with a message (see http::Responder): it is always a backend bug.
class Reply {
 public:
  Reply(http::Responder responder, Metrics* metrics, Route route) noexcept
      : responder_(std::move(responder)), metrics_(metrics), route_(route) {}

  // The zero-copy way: append the JSON body to body() (the connection's own buffer, kept from
  // one answer to the next: no allocation), then send(status). From any thread.
  [[nodiscard]] std::string& body() { return responder_.body(); }
  void send(int status);

  void send(int status, std::string body);
  void error(ErrorCode code, std::string_view message);
  void error(const Error& error);
  // The body buffer as a std::string of your own (empty, with the capacity earlier answers
  // left): fill it and pass it to send(status, body). From any thread, before answering.
  [[nodiscard]] std::string take_buffer() { return responder_.take_buffer(); }

 private:
  http::Responder responder_;
  Metrics* metrics_;
  Route route_;
};

class Service {
 public:
  Service() = default;
  virtual ~Service() = default;
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Every route except health, metrics and unknown ones.
  virtual void handle(const Call& call, Reply reply) = 0;

  // The drain step of a shutdown: run_backend calls it once the transport has stopped serving
  // (no handle() call is running or will come), before the metrics and the transport are
  // destroyed. A backend that answers late (worker threads, actors, queues) answers or drops
  // everything still in flight here and stops its threads: after stop() returns, no Reply may
  // be used any more. The default has nothing to drain.
  virtual void stop() {}

  // Lines of its own for GET /metrics (Prometheus text format, each ending in '\n'), appended
  // after the request counts: what only the backend knows (actors in flight, queue depths).
  // Called on any I/O thread, concurrently with handle(). The default adds nothing.
  virtual void append_metrics(std::string_view /*backend*/, std::string& /*out*/) const {}
};

// The transport handler that fronts `service`. `backend` names it in /metrics.
[[nodiscard]] http::Handler make_http_handler(Service& service, Metrics& metrics,
                                              std::string backend);

}  // namespace archbench::ledger
