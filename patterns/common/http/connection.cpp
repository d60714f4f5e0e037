// One keep-alive connection: the read/parse/dispatch/write loop described in connection.hpp.
#include "common/http/connection.hpp"

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

// A new connection's read buffer: one head of the largest size we accept, plus the padding.
// Only a big body makes it grow.
constexpr std::size_t kInitialCapacity = kMaxHeadBytes + kBodyPadding;
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
      capacity_(kInitialCapacity) {}

Connection::~Connection() = default;

void Connection::start() { read_more(0); }

// Handles every complete request in the buffer, then writes the answers or reads more.
void Connection::process() {
  std::size_t needed = 0;  // bytes the request at begin_ needs, once its head is known
  while (begin_ != end_ && !close_after_write_ && output_.size() < kFlushBytes) {
    const std::string_view pending(buffer_.get() + begin_, end_ - begin_);
    ParsedHead head;
    const ParseStatus status = parse_request_head(pending, head);
    if (status == ParseStatus::incomplete) break;
    if (status != ParseStatus::complete) {
      append_framing_error(output_, status);
      close_after_write_ = true;
      begin_ = end_;  // nothing after a framing error can be trusted
      break;
    }
    const std::size_t total = head.head_bytes + head.content_length;
    if (pending.size() < total) {
      needed = total;
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
      awaiting_answer_ = true;
      if (!output_.empty()) write();
      return;
    }
    consume_request();
  }
  if (!output_.empty()) {
    write();
  } else {
    read_more(needed);
  }
}

// Calls the handler for the complete request at begin_; true if it answered inline.
bool Connection::dispatch(const ParsedHead& head) {
  request_bytes_ = head.head_bytes + head.content_length;
  request_keep_alive_ = head.keep_alive;
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
  append_response(output_, slot_, !request_keep_alive_);
  if (!request_keep_alive_) close_after_write_ = true;
  // Keep the body's capacity for the next answer: steady state allocates nothing. A body that
  // grew past kKeptBody for one big answer is not worth keeping.
  if (slot_.body.capacity() > kKeptBody) slot_.body = std::string();
}

void Connection::consume_request() {
  begin_ += request_bytes_;
  continue_sent_ = false;
}

void Connection::on_answer() {
  if (closed_) return;  // the connection failed while the handler was working
  if (writing_) {       // half-duplex: the output buffer is on the wire; finish that first
    answer_parked_ = true;
    return;
  }
  resume();
}

void Connection::resume() {
  append_answer();
  awaiting_answer_ = false;
  consume_request();
  process();
}

// Makes room for the request at begin_ (its whole size if known, else one maximal head) and
// reads as much as fits, stopping kBodyPadding short of the end of the buffer.
void Connection::read_more(std::size_t request_bytes) {
  const std::size_t room = std::max(request_bytes, kMaxHeadBytes) + kBodyPadding;
  if (room > capacity_ || (capacity_ > kKeptCapacity && room <= kInitialCapacity)) {
    reallocate(std::max(room, kInitialCapacity));
  } else if (begin_ + room > capacity_) {
    const std::size_t pending = end_ - begin_;
    std::memmove(buffer_.get(), buffer_.get() + begin_, pending);
    begin_ = 0;
    end_ = pending;
  }
  socket_.async_read_some(
      boost::asio::buffer(buffer_.get() + end_, capacity_ - kBodyPadding - end_),
      [self = shared_from_this()](const boost::system::error_code& error, std::size_t bytes) {
        self->on_read(error, bytes);
      });
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
  boost::asio::async_write(socket_, boost::asio::buffer(output_),
                           [self = shared_from_this()](const boost::system::error_code& error,
                                                       std::size_t) { self->on_written(error); });
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
void Connection::close_gracefully() {
  boost::system::error_code ignored;
  socket_.shutdown(Socket::shutdown_send, ignored);
  drain();
}

void Connection::drain() {
  socket_.async_read_some(
      boost::asio::buffer(buffer_.get(), capacity_),
      [self = shared_from_this()](const boost::system::error_code& error, std::size_t bytes) {
        self->drained_ += bytes;
        if (error || self->drained_ > kMaxDrainBytes) {
          self->close();
        } else {
          self->drain();
        }
      });
}

void Connection::close() {
  closed_ = true;
  boost::system::error_code ignored;
  socket_.close(ignored);
}

}  // namespace archbench::http::detail
