// Private to the transport: one keep-alive HTTP/1.1 connection. It reads requests into one
// buffer, hands each to the handler as views into that buffer, and writes the answers back in
// request order.
//
// The rules that make it simple:
// - It lives on one I/O thread (its IoWorker's) for its whole life: no locks on its state.
// - It handles one request at a time and does not parse the next one until the current one is
//   answered. So the Request's views stay valid for as long as the handler needs them, and
//   pipelined answers come out in order by construction.
// - It is half-duplex: at any time it is reading, writing, or waiting for an answer.
// - An answer given inline (during the handler call, on this thread) is appended to the output
//   and the next buffered request is handled at once; the output is written only when no
//   complete request is left, so a pipeline of N requests costs one write.
// - Every answer is built in the connection's one answer slot (ResponseSlot), whose body buffer
//   keeps its capacity from request to request. One request outstanding means one slot is
//   enough: whoever holds the Responder owns the slot until it sends, then the I/O thread does.
//   A late answer travels to the I/O thread as the connection itself, through its IoWorker's
//   lock-free queue (io_worker.hpp): no copy of the answer, no allocation, no mutex.
//
// What it does against bad clients and bad days:
// - Every wait on the client has a deadline (ServerOptions: head, body, idle, linger), kept by
//   its worker's ConnectionList sweep: a read stores a tick number, nothing more.
// - A head that trickles in is scanned once (HeadScan) and parsed when it may be complete, not
//   on every read; a body is not allocated from its Content-Length but grows (doubling) as its
//   bytes arrive, so a 16 MiB promise costs nothing until it is kept.
// - An exception thrown on its thread (a completion, a late answer) ends this connection with a
//   500 and a line on stderr, never the process (guarded()).
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <cstddef>
#include <memory>
#include <string>

#include "common/http/connection_list.hpp"
#include "common/http/handler.hpp"
#include "common/http/io_worker.hpp"
#include "common/http/request_parser.hpp"
#include "common/http/response.hpp"

namespace archbench::http::detail {

class Connection final : public ResponseSlot,
                         private QueuedAnswer,
                         public TimedConnection,
                         public std::enable_shared_from_this<Connection> {
 public:
  // A socket bound to an io_context's own executor (not any_io_executor): cheaper calls, and
  // what acceptor::async_accept(io_context&, ...) produces.
  using Socket =
      boost::asio::ip::tcp::socket::rebind_executor<boost::asio::io_context::executor_type>::other;

  // `handler` must outlive every call to start() and every handler the worker runs.
  Connection(std::shared_ptr<IoWorker> worker, Socket socket, const Handler& handler);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Starts reading. Call on the worker's thread.
  void start();
  // Answers 503 (the server is at --max-connections) and closes. Instead of start().
  void refuse();

  // ResponseSlot: called by the Responder, from any thread, once the slot holds the answer.
  void commit(std::shared_ptr<void>&& keep_alive) override;

 private:
  void process();
  ParseStatus next_head(std::string_view pending, ParsedHead& head);
  bool dispatch(const ParsedHead& head);
  void append_answer();
  void consume_request();
  void on_answer() override;  // QueuedAnswer: a late answer, now on this thread
  void resume();
  void read_more();
  void make_room();
  void on_read(const boost::system::error_code& error, std::size_t bytes);
  void write();
  void on_written(const boost::system::error_code& error);
  void close_gracefully();
  void drain();
  void close();
  void reallocate(std::size_t capacity);

  // Deadlines (connection_list.hpp). `ticks` 0 clears: the server, not the client, is busy.
  enum class Waiting { server, idle, head, body, write, linger };
  void wait_for(Waiting what, std::uint64_t ticks) noexcept;
  void on_deadline() noexcept override;

  // Runs `step` (a completion handler's body); an exception ends this connection, not the
  // process: see fail().
  template <typename Step>
  void guarded(Step&& step) noexcept {
    try {
      step();
    } catch (const std::exception& error) {
      fail(error.what());
    } catch (...) {
      fail("a non-standard exception");
    }
  }
  void fail(const char* what) noexcept;

  // Declared first so that it is destroyed last: the socket needs its io_context.
  std::shared_ptr<IoWorker> worker_;
  Socket socket_;
  const Handler& handler_;

  // The read buffer: [begin_, end_) holds received bytes not yet consumed. Reads never go
  // past capacity_ - kBodyPadding, so every body has kBodyPadding readable bytes after it.
  std::unique_ptr<char[]> buffer_;
  std::size_t capacity_ = 0;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;

  // The head at begin_ while it is incomplete: how far it has been scanned. Once it is
  // complete, needed_ is the whole request's size (head + body); 0 while unknown.
  HeadScan scan_;
  std::size_t needed_ = 0;
  Waiting waiting_ = Waiting::server;

  // The request being handled (head + body bytes from begin_) and how to answer it.
  std::size_t request_bytes_ = 0;
  bool request_keep_alive_ = true;
  bool answered_inline_ = false;    // set by commit() during the handler call
  bool awaiting_answer_ = false;    // the handler kept its Responder; commit() will deliver
  bool continue_sent_ = false;      // "100 Continue" already sent for the request at begin_
  bool http10_keep_alive_ = false;  // answer "Connection: keep-alive" (HTTP/1.0 asked for it)

  // slot_ (inherited) holds the answer being built; see the class comment for who owns it when.
  std::string output_;          // serialized answers not yet written
  bool answer_parked_ = false;  // a late answer arrived while a write was in flight
  bool writing_ = false;
  bool close_after_write_ = false;  // Connection: close, HTTP/1.0 or a framing error
  bool closed_ = false;
  std::size_t drained_ = 0;  // bytes discarded while lingering before the close
};

}  // namespace archbench::http::detail
