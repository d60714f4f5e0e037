// Private to the transport: the connections of one I/O thread, as the server's limits see them.
// It counts them (the acceptor refuses clients past --max-connections) and enforces their
// timeouts with one coarse periodic sweep per thread instead of an Asio timer per read: a read
// only stores a deadline (a tick number, no clock read, no timer to arm or cancel), and every
// tick one walk over the list closes the connections whose deadline has passed.
//
// Threads: the list and the ticks belong to the worker's thread, like the connections; the
// count is atomic because the acceptor (on worker 0) reads every worker's count. After the
// worker's thread has stopped, detach_all() hands the list back so that a connection destroyed
// later, on whatever thread drops it last, no longer touches it.
#pragma once

#include <algorithm>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace archbench::http::detail {

// How long a connection may wait on its client in each state, in sweep ticks.
struct TimeoutTicks {
  std::uint64_t head = 0;    // from the first byte of a head to its end
  std::uint64_t body = 0;    // between two reads of a body still arriving
  std::uint64_t idle = 0;    // a kept-alive connection without a request; an unread answer
  std::uint64_t linger = 0;  // after our last answer, for the client to close its side
};

// A connection as the list sees it: links, a deadline, and what to do when it passes.
class TimedConnection {
 public:
  TimedConnection() = default;
  virtual ~TimedConnection() = default;
  TimedConnection(const TimedConnection&) = delete;
  TimedConnection& operator=(const TimedConnection&) = delete;

 protected:
  // Called by the sweep, on the worker's thread, once the deadline has passed (and cleared).
  virtual void on_deadline() noexcept = 0;

 private:
  friend class ConnectionList;
  TimedConnection* prev_ = nullptr;
  TimedConnection* next_ = nullptr;
  bool linked_ = false;
  std::uint64_t deadline_ = 0;  // a tick number; 0: no deadline (the server is working)
};

class ConnectionList {
 public:
  explicit ConnectionList(boost::asio::io_context& context) : timer_(context) {}
  ConnectionList(const ConnectionList&) = delete;
  ConnectionList& operator=(const ConnectionList&) = delete;

  // Arms the periodic sweep. `tick` is its period, so deadlines are kept within one tick
  // (a timeout of T closes after at least T and at most T + 2 ticks).
  void start(std::chrono::milliseconds tick, const TimeoutTicks& timeouts) {
    tick_ = std::max(tick, std::chrono::milliseconds(1));
    timeouts_ = timeouts;
    schedule();
  }
  [[nodiscard]] const TimeoutTicks& timeouts() const noexcept { return timeouts_; }

  // Sets (or with ticks == 0, clears) a connection's deadline, `ticks` ticks from now.
  void set_deadline(TimedConnection& connection, std::uint64_t ticks) const noexcept {
    connection.deadline_ = ticks == 0 ? 0 : now_ + ticks;
  }

  void link(TimedConnection& connection) noexcept {
    if (connection.linked_ || detached_) return;
    connection.next_ = head_;
    if (head_ != nullptr) head_->prev_ = &connection;
    head_ = &connection;
    connection.linked_ = true;
  }
  void unlink(TimedConnection& connection) noexcept {
    if (!connection.linked_) return;
    if (connection.prev_ != nullptr) connection.prev_->next_ = connection.next_;
    if (connection.next_ != nullptr) connection.next_->prev_ = connection.prev_;
    if (head_ == &connection) head_ = connection.next_;
    connection.prev_ = connection.next_ = nullptr;
    connection.linked_ = false;
  }

  // Once the worker's thread has stopped for good (see IoWorker::shut_down).
  void detach_all() noexcept {
    detached_ = true;  // the sweep's wait went with the context's pending handlers
    while (head_ != nullptr) unlink(*head_);
  }

  // Open connections, counted from construction to destruction (any thread).
  void opened() noexcept { open_.fetch_add(1, std::memory_order_relaxed); }
  void closed() noexcept { open_.fetch_sub(1, std::memory_order_relaxed); }
  [[nodiscard]] std::size_t open() const noexcept { return open_.load(std::memory_order_relaxed); }

 private:
  void schedule() {
    timer_.expires_after(tick_);
    timer_.async_wait([this](const boost::system::error_code& error) {
      if (error) return;  // cancelled: the server is going away
      sweep();
      schedule();
    });
  }

  // One walk over every connection of this thread: a few instructions each, once per tick.
  void sweep() noexcept {
    ++now_;
    for (TimedConnection* connection = head_; connection != nullptr;) {
      TimedConnection* const next = connection->next_;  // on_deadline() may unlink it
      if (connection->deadline_ != 0 && connection->deadline_ <= now_) {
        connection->deadline_ = 0;
        connection->on_deadline();
      }
      connection = next;
    }
  }

  boost::asio::steady_timer timer_;
  std::chrono::milliseconds tick_{1000};
  TimeoutTicks timeouts_;
  std::uint64_t now_ = 1;  // ticks since start; deadlines are absolute tick numbers
  TimedConnection* head_ = nullptr;
  bool detached_ = false;
  std::atomic<std::size_t> open_{0};
};

}  // namespace archbench::http::detail
