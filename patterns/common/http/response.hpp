// How a handler answers: it fills a Response and hands it to its Responder, now or later, from
// any thread. The transport writes responses in request order (HTTP/1.1 pipelining).
//
// Two ways to answer, both allocation-free in steady state:
// - Write the body straight into the buffer the transport lends (Responder::body()), then
//   send(status). The buffer belongs to the connection and keeps its capacity from one answer
//   to the next, so a backend that never builds a std::string of its own allocates nothing.
// - Build a std::string (ideally in take_buffer(), the same lent buffer) and send(status, body).
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

// Where one request's answer is built and where it goes: the answer slot a Responder fills.
// The transport's connections implement it (one slot per connection, reused for every request:
// a connection has one request outstanding at a time). The slot belongs to whoever holds the
// Responder, on whatever thread, until the Responder sends it; then it is the sink's again.
class ResponseSlot {
 public:
  ResponseSlot() = default;
  virtual ~ResponseSlot() = default;
  ResponseSlot(const ResponseSlot&) = delete;
  ResponseSlot& operator=(const ResponseSlot&) = delete;

  // The answer being built. Its body is empty when the request is handed out, with whatever
  // capacity earlier answers left.
  [[nodiscard]] Response& slot() noexcept { return slot_; }

  // The slot holds the answer: take it. Called exactly once per request, from any thread.
  // `keep_alive` is the Responder's reference to the sink's owner (may be null), handed over so
  // that the sink decides when to let go of it.
  virtual void commit(std::shared_ptr<void>&& keep_alive) = 0;

  // An empty string with the slot body's capacity, for a backend that builds its body as a
  // std::string and hands it back through Responder::send(status, body). Any thread, before
  // answering.
  [[nodiscard]] virtual std::string take_buffer() {
    std::string buffer = std::move(slot_.body);
    buffer.clear();
    return buffer;
  }

 protected:
  Response slot_;
};

// A slot whose answers arrive as whole Responses: what tests and in-process tools implement to
// capture answers without sockets.
class ResponseSink : public ResponseSlot {
 public:
  // Called exactly once per request, from any thread.
  virtual void complete(Response&& response) = 0;

  void commit(std::shared_ptr<void>&& keep_alive) final {
    Response answer = std::exchange(slot_, Response{});
    complete(std::move(answer));
    keep_alive.reset();
  }
};

// A one-shot handle that completes one request. Move-only; must be used exactly once
// (a Responder destroyed unused answers 500, so a forgotten reply cannot hang a client).
// Using it again - or body()/take_buffer() after it was used - is a bug in the caller: the
// process aborts with a message saying so, in every build type, rather than corrupting another
// request's answer.
class Responder {
 public:
  Responder(ResponseSlot* sink, std::shared_ptr<void> keep_alive) noexcept
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

  // The lent body buffer: append the body to it, then send(status).
  [[nodiscard]] std::string& body() { return live("body()")->slot().body; }
  // For an answer that is not application/json, or needs extra header lines (e.g. "Allow:"):
  // both must point to static storage. Before send(status).
  void set_headers(std::string_view content_type, std::string_view extra_headers = {}) {
    Response& answer = live("set_headers()")->slot();
    answer.content_type = content_type;
    answer.extra_headers = extra_headers;
  }
  // Sends what body() holds (as application/json unless set_headers() said otherwise).
  void send(int status) {
    Response& answer = live("send()")->slot();
    answer.status = status;
    commit();
  }

  void send(Response&& response) {
    live("send()")->slot() = std::move(response);
    commit();
  }
  void send(int status, std::string body) {
    Response& answer = live("send()")->slot();
    answer.status = status;
    answer.body = std::move(body);  // take_buffer()'s string comes home: no allocation
    commit();
  }

  // See ResponseSlot::take_buffer.
  [[nodiscard]] std::string take_buffer() { return live("take_buffer()")->take_buffer(); }

  [[nodiscard]] explicit operator bool() const noexcept { return sink_ != nullptr; }

 private:
  // The sink, or an abort with a message if this Responder was already used or moved from.
  ResponseSlot* live(const char* what) const {
    if (sink_ == nullptr) [[unlikely]]
      used_twice(what);
    return sink_;
  }
  [[noreturn]] static void used_twice(const char* what) noexcept;
  void commit() {
    // After commit() the sink may be gone (a late answer can be written and its connection
    // closed on the I/O thread at once): nothing here touches it afterwards.
    std::exchange(sink_, nullptr)->commit(std::move(keep_alive_));
  }
  void abandon() noexcept;

  ResponseSlot* sink_;
  std::shared_ptr<void> keep_alive_;  // keeps the sink (the connection) alive until answered
};

}  // namespace archbench::http
