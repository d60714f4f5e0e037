// How a handler answers: it fills a Response and hands it to its Responder, now or later, from
// any thread. The transport writes responses in request order (HTTP/1.1 pipelining).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace archbench::http {

struct Response {
  int status = 200;
  std::string body;
  std::string_view content_type = "application/json";  // must point to static storage
  std::string_view extra_headers;  // whole lines, e.g. "Allow: GET\r\n"; static storage
};

// Where a Response goes. The transport's connections implement it; tests and in-process
// benchmarks implement it to capture responses without sockets.
class ResponseSink {
 public:
  virtual ~ResponseSink() = default;
  // Called exactly once per request, from any thread.
  virtual void complete(Response&& response) = 0;
  // An empty string, possibly with capacity left over from an earlier response, to build the
  // next body in without allocating. Only valid on the thread that called the handler.
  virtual std::string take_buffer() { return {}; }
};

// A one-shot handle that completes one request. Move-only; must be used exactly once
// (a Responder destroyed unused answers 500, so a forgotten reply cannot hang a client).
class Responder {
 public:
  Responder(ResponseSink* sink, std::shared_ptr<void> keep_alive) noexcept
      : sink_(sink), keep_alive_(std::move(keep_alive)) {}
  Responder(Responder&& other) noexcept
      : sink_(std::exchange(other.sink_, nullptr)), keep_alive_(std::move(other.keep_alive_)) {}
  Responder& operator=(Responder&& other) noexcept {
    if (this != &other) {
      abandon();
      sink_ = std::exchange(other.sink_, nullptr);
      keep_alive_ = std::move(other.keep_alive_);
    }
    return *this;
  }
  Responder(const Responder&) = delete;
  Responder& operator=(const Responder&) = delete;
  ~Responder() { abandon(); }

  void send(Response&& response) {
    auto* sink = std::exchange(sink_, nullptr);
    sink->complete(std::move(response));
    keep_alive_.reset();
  }
  void send(int status, std::string body) {
    Response response;  // not Response{status, body}: g++ -Wextra flags the fields left out
    response.status = status;
    response.body = std::move(body);
    send(std::move(response));
  }

  // See ResponseSink::take_buffer.
  [[nodiscard]] std::string take_buffer() { return sink_->take_buffer(); }

  [[nodiscard]] explicit operator bool() const noexcept { return sink_ != nullptr; }

 private:
  void abandon() noexcept;

  ResponseSink* sink_;
  std::shared_ptr<void> keep_alive_;  // keeps the sink (the connection) alive until answered
};

}  // namespace archbench::http
