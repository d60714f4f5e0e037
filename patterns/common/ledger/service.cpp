// The shared front of every backend: routing, the answers that do not depend on the pattern
// (/health, /metrics, 404, 405, a bad ?limit), and the request count behind /metrics.
#include "common/ledger/service.hpp"

#include "common/ledger/json_codec.hpp"
#include "common/ledger/messages.hpp"
#include "common/ledger/router.hpp"

namespace archbench::ledger {
namespace {

// Response headers must point to static storage; the router only ever allows one method.
std::string_view allow_header(std::string_view allowed_methods) {
  return allowed_methods == "GET" ? "Allow: GET\r\n" : "Allow: POST\r\n";
}

constexpr std::string_view kJson = "application/json";

// Answers with a content type or header that Reply cannot set, counting it like Reply does.
// The body is written into the connection's buffer: /health allocates nothing.
void answer(http::Responder& responder, Metrics& metrics, Route route, int status,
            std::string_view body, std::string_view content_type = kJson,
            std::string_view extra_headers = {}) {
  metrics.record(route, status);
  responder.body().assign(body);
  responder.set_headers(content_type, extra_headers);
  responder.send(status);
}

}  // namespace

void Reply::send(int status) {
  if (metrics_ != nullptr) metrics_->record(route_, status);
  responder_.send(status);
}

void Reply::send(int status, std::string body) {
  // Count before sending: once sent, a client may already be reading /metrics.
  if (metrics_ != nullptr) metrics_->record(route_, status);
  responder_.send(status, std::move(body));
}

void Reply::error(ErrorCode code, std::string_view message) {
  std::string& out = body();
  out.clear();  // whatever the backend had started to write is not the answer any more
  write_error_json(code, message, out);
  // One second: long enough for a restarted actor or a reconnected broker, short enough that a
  // client's retry with the same request_id comes back while the user still waits.
  if (is_retryable(code)) responder_.set_headers("application/json", "Retry-After: 1\r\n");
  send(http_status(code));
}

void Reply::error(const Error& error) { this->error(error.code, error.message); }

http::Handler make_http_handler(Service& service, Metrics& metrics, std::string backend) {
  // Exceptions: one thrown by service.handle() unwinds the Reply it was given, and a Responder
  // destroyed unused answers 500 internal_error, so the client still gets its answer; the
  // transport then deals with the exception itself. Catching here could not answer again.
  return [&service, &metrics, backend = std::move(backend)](const http::Request& request,
                                                            http::Responder responder) {
    const RouteMatch match = match_route(request.method, request.target);
    if (!match.method_allowed) {
      const std::string message = std::string(request.method) +
                                  " is not allowed on this path; use " +
                                  std::string(match.allowed_methods);
      answer(responder, metrics, match.route, 405,
             error_body(ErrorCode::method_not_allowed, message), kJson,
             allow_header(match.allowed_methods));
      return;
    }
    switch (match.route) {
      case Route::health:
        answer(responder, metrics, match.route, 200, R"({"status":"ok"})");
        return;
      case Route::metrics: {
        std::string text = metrics.prometheus_text(backend);
        service.append_metrics(backend, text);
        answer(responder, metrics, match.route, 200, text, "text/plain; version=0.0.4");
        return;
      }
      case Route::unknown: {
        const std::string message = "no route for " + std::string(request.method) + " " +
                                    std::string(request.target.substr(0, request.target.find('?')));
        answer(responder, metrics, match.route, 404, error_body(ErrorCode::not_found, message));
        return;
      }
      default:
        break;
    }
    Call call{.route = match.route, .account_id = match.account_id, .body = request.body};
    Reply reply(std::move(responder), &metrics, match.route);
    if (match.route == Route::list_transactions) {
      call.limit = parse_limit(match.query);
      if (call.limit < 0) {
        reply.error(ErrorCode::bad_request,
                    "limit must be an integer from 1 to " + std::to_string(kMaxTransactionLimit));
        return;
      }
    }
    service.handle(call, std::move(reply));
  };
}

}  // namespace archbench::ledger
