// One keep-alive connection: the read/parse/dispatch/write loop described in connection.hpp.
#include "common/http/connection.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <boost/asio/write.hpp>
#include <cstdio>
#include <cstring>
#include <exception>
#include <utility>

#include "common/http/request.hpp"
#include "common/http/response_writer.hpp"

namespace archbench::http::detail {
namespace {

// A new connection's read buffer: room for a typical head and body, plus the padding. A
// bigger head (up to kMaxHeadBytes) or body makes it grow, doubling, as its bytes arrive: a
// Content-Length alone allocates nothing, and an idle connection holds 4 KiB, not 16.
constexpr std::size_t kInitialCapacity = (std::size_t{4} << 10) + kBodyPadding;
// A buffer grown up to this size is kept for the next request (a client that posts 20 KiB
// bodies should not pay two allocations per request); a bigger one shrinks back afterwards.
constexpr std::size_t kKeptCapacity = std::size_t{64} << 10;
// With this much output waiting, write it before handling more pipelined requests.
constexpr std::size_t kFlushBytes = std::size_t{256} << 10;
// Buffers that grew past these sizes for one big answer are not kept for the next.
constexpr std::size_t kKeptOutput = std::size_t{1} << 20;
constexpr std::size_t kKeptBody = std::size_t{64} << 10;
// How much a closing connection reads and discards before giving up (see close_gracefully).
constexpr std::size_t kMaxDrainBytes = std::size_t{1} << 20;

// The answers the connection gives on its own, outside any handler: a head and a body whose
// length the head states (checked at compile time).
constexpr std::string_view kServiceUnavailableHead =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
    "Content-Length: 91\r\nConnection: close\r\n\r\n";
constexpr std::string_view kServiceUnavailableBody =
    R"({"error":{"code":"service_unavailable","message":"too many open connections, retry later"}})";
static_assert(kServiceUnavailableBody.size() == 91);
constexpr std::string_view kInternalErrorHead =
    "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
    "Content-Length: 84\r\nConnection: close\r\n\r\n";
constexpr std::string_view kInternalErrorBody =
    R"({"error":{"code":"internal_error","message":"the server failed on this connection"}})";
static_assert(kInternalErrorBody.size() == 84);

// The connection whose handler this thread is running right now, if any. commit() compares
// it with `this` to tell an inline answer (append and carry on) from one that comes later or
// from another thread (deliver to the connection's thread). It is sharper than asking Asio
// whether we run on the connection's io_context: a Responder used later on the same thread,
// or while another connection's handler runs, is not inline either.
thread_local const Connection* t_dispatching = nullptr;

}  // namespace

Connection::Connection(std::shared_ptr<IoWorker> worker, Socket socket, const Handler& handler)
    : worker_(std::move(worker)),
      socket_(std::move(socket)),
      handler_(handler),
      buffer_(std::make_unique_for_overwrite<char[]>(kInitialCapacity)),
      capacity_(kInitialCapacity) {
  worker_->connections().opened();
}

Connection::~Connection() {
  worker_->connections().unlink(*this);
  worker_->connections().closed();
}

void Connection::start() {
  guarded([this] {
    worker_->connections().link(*this);
    read_more();
  });
}

void Connection::refuse() {
  guarded([this] {
    worker_->connections().link(*this);
    output_.append(kServiceUnavailableHead).append(kServiceUnavailableBody);
    close_after_write_ = true;
    wait_for(Waiting::write, worker_->connections().timeouts().idle);
    write();
  });
}

// Handles every complete request in the buffer, then writes the answers or reads more.
void Connection::process() {
  while (begin_ != end_ && !close_after_write_ && output_.size() < kFlushBytes) {
    const std::string_view pending(buffer_.get() + begin_, end_ - begin_);
    // The body of a request whose head is known: wait for all of it before parsing again.
    if (needed_ != 0 && pending.size() < needed_) break;
    ParsedHead head;
    const ParseStatus status = next_head(pending, head);
    if (status == ParseStatus::incomplete) break;
    if (status != ParseStatus::complete) {
      append_framing_error(output_, status);
      close_after_write_ = true;
      begin_ = end_;  // nothing after a framing error can be trusted
      break;
    }
    const std::size_t total = head.head_bytes + head.content_length;
    if (pending.size() < total) {
      needed_ = total;
      // The client waits for our go-ahead before sending the body; send it once, and not if
      // the body has started arriving anyway.
      if (head.expect_continue && !continue_sent_ && pending.size() == head.head_bytes) {
        output_ += kContinueResponse;
        continue_sent_ = true;
      }
      break;
    }
    if (!dispatch(head)) {
      // The handler kept its Responder. Nothing more is parsed until commit() delivers the
      // answer (the views it holds point into our buffer); earlier answers go out meanwhile.
      // No deadline: the server is the one working.
      awaiting_answer_ = true;
      wait_for(Waiting::server, 0);
      if (!output_.empty()) write();
      return;
    }
    consume_request();
  }
  if (!output_.empty()) {
    // A client that stops reading its answers is dropped after the idle timeout.
    wait_for(Waiting::write, worker_->connections().timeouts().idle);
    write();
  } else {
    read_more();
  }
}

// Parses the head at the start of `pending` if it may be complete. A head that came in one
// read (the common case) is parsed at once; one that trickles in is scanned a piece at a time
// and parsed only when head_ready() says so, which keeps a slow head linear, not quadratic.
ParseStatus Connection::next_head(std::string_view pending, ParsedHead& head) {
  // A head already known complete (its body has now arrived) is parsed again as it is.
  const bool parse_now = scan_.scanned == 0 || needed_ != 0;
  if (!parse_now && !head_ready(pending, scan_)) return ParseStatus::incomplete;
  const ParseStatus status = parse_request_head(pending, head);
  if (status == ParseStatus::incomplete && scan_.scanned == 0) {
    // The parser has seen these bytes (and judged the request line, if it is there).
    scan_.scanned = pending.size();
    scan_.examined += pending.size();
    scan_.first_line_seen = pending.find('\n') != std::string_view::npos;
  }
  return status;
}

// Calls the handler for the complete request at begin_; true if it answered inline.
bool Connection::dispatch(const ParsedHead& head) {
  request_bytes_ = head.head_bytes + head.content_length;
  request_keep_alive_ = head.keep_alive;
  http10_keep_alive_ = head.http10 && head.keep_alive;
  answered_inline_ = false;
  // A fresh answer, in the slot's kept body buffer. From here until commit() the slot is the
  // Responder holder's, on whatever thread: nothing on this thread touches it meanwhile.
  slot_.status = 200;
  slot_.content_type = Response{}.content_type;
  slot_.extra_headers = {};
  slot_.body.clear();
  const Request request{
      head.method, head.target, {buffer_.get() + begin_ + head.head_bytes, head.content_length}};

  const Connection* const outer = std::exchange(t_dispatching, this);
  try {
    handler_(request, Responder(this, shared_from_this()));
  } catch (const std::exception& error) {
    // A handler bug must not take the server down. If the Responder was still unused, its
    // destructor has already answered 500 during the unwinding.
    std::fprintf(stderr, "archbench http: the handler threw: %s\n", error.what());
  } catch (...) {
    std::fprintf(stderr, "archbench http: the handler threw a non-standard exception\n");
  }
  t_dispatching = outer;
  return answered_inline_;
}

void Connection::commit(std::shared_ptr<void>&& keep_alive) {
  if (t_dispatching == this) {
    append_answer();
    answered_inline_ = true;
    return;  // the Responder drops `keep_alive`; the dispatching call still owns us
  }
  // Late: the I/O thread takes the slot from here, with the Responder's reference to us. If
  // the worker is shut down, deliver() leaves the reference to the Responder, which drops it.
  worker_->deliver(*this, keep_alive);
}

// The body is copied next to its head in the output: one memcpy, small next to the write's
// syscall, and it keeps a pipeline of answers one contiguous write (a gather write of head and
// body buffers would need a slot per pipelined answer). What the slot saves is the rest: no
// owning string built per answer, no allocation, no move through a queue.
void Connection::append_answer() {
  append_response(output_, slot_, !request_keep_alive_, http10_keep_alive_);
  if (!request_keep_alive_) close_after_write_ = true;
  // Keep the body's capacity for the next answer: steady state allocates nothing. A body that
  // grew past kKeptBody for one big answer is not worth keeping.
  if (slot_.body.capacity() > kKeptBody) slot_.body = std::string();
}

void Connection::consume_request() {
  begin_ += request_bytes_;
  continue_sent_ = false;
  needed_ = 0;
  scan_ = HeadScan{};
}

void Connection::on_answer() {
  guarded([this] {
    if (closed_) return;  // the connection failed while the handler was working
    if (writing_) {       // half-duplex: the output buffer is on the wire; finish that first
      answer_parked_ = true;
      return;
    }
    resume();
  });
}

void Connection::resume() {
  append_answer();
  awaiting_answer_ = false;
  consume_request();
  process();
}

// Sets the deadline for what the connection now waits for, makes room, and reads as much as
// fits, stopping kBodyPadding short of the end of the buffer.
void Connection::read_more() {
  const TimeoutTicks& timeouts = worker_->connections().timeouts();
  if (begin_ == end_) {
    wait_for(Waiting::idle, timeouts.idle);
  } else if (needed_ == 0) {
    // From the head's first bytes to its last: a slow-loris client that sends a byte a second
    // does not buy more time with each byte.
    if (waiting_ != Waiting::head) wait_for(Waiting::head, timeouts.head);
  } else {
    wait_for(Waiting::body, timeouts.body);  // renewed by every read that brings body bytes
  }
  if (begin_ == end_) begin_ = end_ = 0;  // nothing pending: read at the front
  // Full, or too big to keep: see make_room(). Otherwise there is room to read into.
  if (end_ + kBodyPadding >= capacity_ || capacity_ > kKeptCapacity) make_room();
  socket_.async_read_some(
      boost::asio::buffer(buffer_.get() + end_, capacity_ - kBodyPadding - end_),
      [self = shared_from_this()](const boost::system::error_code& error, std::size_t bytes) {
        self->guarded([&] { self->on_read(error, bytes); });
      });
}

// The request at begin_ must end up contiguous, with the padding after it. The buffer does not
// take its size at once, though: only when the bytes read so far fill it does it move them to
// the front (once per request) or double, up to what the request needs (its whole size if
// known, else one maximal head). So memory follows the bytes that came, not a promise.
void Connection::make_room() {
  const std::size_t pending = end_ - begin_;
  if (capacity_ > kKeptCapacity && std::max(pending, needed_) + kBodyPadding < kInitialCapacity) {
    reallocate(kInitialCapacity);  // a big request is over: give its memory back
    return;
  }
  if (end_ + kBodyPadding < capacity_) return;  // still room to read into
  if (begin_ != 0) {
    std::memmove(buffer_.get(), buffer_.get() + begin_, pending);
    begin_ = 0;
    end_ = pending;
    if (end_ + kBodyPadding < capacity_) return;
  }
  const std::size_t room = (needed_ != 0 ? needed_ : kMaxHeadBytes) + kBodyPadding;
  reallocate(std::min(room, 2 * capacity_));
}

void Connection::reallocate(std::size_t capacity) {
  const std::size_t pending = end_ - begin_;
  auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
  std::memcpy(bigger.get(), buffer_.get() + begin_, pending);
  buffer_ = std::move(bigger);
  capacity_ = capacity;
  begin_ = 0;
  end_ = pending;
}

void Connection::on_read(const boost::system::error_code& error, std::size_t bytes) {
  if (error) {  // end of stream included: the client is done with us
    close();
    return;
  }
  end_ += bytes;
  process();
}

void Connection::write() {
  writing_ = true;
  boost::asio::async_write(
      socket_, boost::asio::buffer(output_),
      [self = shared_from_this()](const boost::system::error_code& error, std::size_t) {
        self->guarded([&] { self->on_written(error); });
      });
}

void Connection::on_written(const boost::system::error_code& error) {
  writing_ = false;
  if (error) {
    close();
    return;
  }
  output_.clear();
  if (output_.capacity() > kKeptOutput) output_ = std::string();
  if (answer_parked_) {
    answer_parked_ = false;
    resume();
  } else if (awaiting_answer_) {
    // Earlier answers are out; commit() will deliver this one.
  } else if (close_after_write_) {
    close_gracefully();
  } else {
    process();
  }
}

// Closing right after the last write would make the kernel answer any unread request bytes
// with a reset, which can destroy our answer before the client reads it. So: send our FIN,
// then read and discard until the client closes too (or sends too much).
// The client gets the linger timeout to close its side.
void Connection::close_gracefully() {
  boost::system::error_code ignored;
  socket_.shutdown(Socket::shutdown_send, ignored);
  wait_for(Waiting::linger, worker_->connections().timeouts().linger);
  drain();
}

void Connection::drain() {
  socket_.async_read_some(
      boost::asio::buffer(buffer_.get(), capacity_),
      [self = shared_from_this()](const boost::system::error_code& error, std::size_t bytes) {
        self->guarded([&] {
          self->drained_ += bytes;
          if (error || self->drained_ > kMaxDrainBytes) {
            self->close();
          } else {
            self->drain();
          }
        });
      });
}

void Connection::close() {
  closed_ = true;
  waiting_ = Waiting::server;
  worker_->connections().unlink(*this);
  boost::system::error_code ignored;
  socket_.close(ignored);
}

void Connection::wait_for(Waiting what, std::uint64_t ticks) noexcept {
  waiting_ = what;
  worker_->connections().set_deadline(*this, ticks);
}

// The client took too long. Closing the socket cancels the pending read or write, whose
// completion then ends the connection. No answer is sent: the client is stalled or gone, and
// a 408 would only wait on it again.
void Connection::on_deadline() noexcept { close(); }

// An exception escaped a step on this connection's thread: its state can no longer be trusted,
// so the connection ends here. What it still can do without blocking the thread or allocating:
// send the answers already serialized and a 500 (unless a write is on the wire: two writes
// would interleave), then close. Best effort: a full socket buffer truncates them.
void Connection::fail(const char* what) noexcept {
  std::fprintf(stderr, "archbench http: closing a connection after an exception: %s\n", what);
  if (closed_) return;
  if (!writing_) {
    const auto send_now = [fd = socket_.native_handle()](std::string_view bytes) {
      [[maybe_unused]] const ssize_t sent =
          ::send(fd, bytes.data(), bytes.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    };
    send_now(output_);          // the answers before the failure, in order
    if (!close_after_write_) {  // unless they already end the connection
      send_now(kInternalErrorHead);
      send_now(kInternalErrorBody);
    }
  }
  boost::system::error_code ignored;
  socket_.shutdown(Socket::shutdown_send, ignored);
  close();
}

}  // namespace archbench::http::detail
