// Worker and its connections: the load generator's hot path. See worker.hpp for the model.
//
// Reading is readiness-based: async_wait, then non-blocking read_some until the answer is whole
// or the socket would block. Each connection keeps exactly one wait pending while it is open, so
// that an answer, a close or a reset is noticed whenever it comes, even while the connection is
// idle. Measured with strace against wrk on GET /health, 64 connections: per request one
// sendto(), one recvfrom() and one epoll_ctl() (Asio re-arms its edge-triggered registration
// when a wait starts, so that readiness that came early is not lost), with epoll_wait()
// amortised over many connections; wrk makes one write(), one read() and two epoll_ctl().
#include "loadgen/worker.hpp"

#include <boost/asio.hpp>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "loadgen/batch_results.hpp"
#include "loadgen/http_response.hpp"

namespace archbench::loadgen {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

class Connection {
 public:
  Connection(Worker& worker, std::uint64_t stream)
      : worker_(worker), socket_(worker.io_), generator_(worker.plan_, stream) {
    buffer_.resize(std::size_t{16} * 1024);
    request_.reserve(512);
  }

  void connect_blocking(const tcp::endpoint& endpoint) {
    error_code ec;
    socket_.connect(endpoint, ec);
    if (!ec) {
      ec = configure();
    }
    if (ec) {
      throw std::runtime_error("cannot connect to " + worker_.config_.target.host_header() + ": " +
                               ec.message());
    }
  }

  // Starts the wait that stays pending while the connection is open.
  void arm_wait() {
    socket_.async_wait(tcp::socket::wait_read, [this, generation = generation_](error_code ec) {
      if (generation == generation_) {
        on_readable(ec);
      }
    });
  }

  // Sends the next request; `intended` is when it should have gone out (run clock, ns).
  void begin(std::int64_t intended) {
    busy_ = true;
    intended_ = intended;
    generator_.next(request_, current_);
    sent_ = worker_.now_ns();
    ++worker_.stats_.sent_total;
    error_code ec;
    const std::size_t written = socket_.write_some(asio::buffer(request_), ec);
    if (!ec && written == request_.size()) {
      return;  // the usual case: one send() and done
    }
    if (ec && ec != asio::error::would_block) {
      fail(&TransportErrors::reset);
      return;
    }
    // A large body (a 1000-transfer batch) does not fit the socket buffer: finish it async.
    const std::size_t done = ec ? 0 : written;
    asio::async_write(socket_, asio::buffer(request_.data() + done, request_.size() - done),
                      [this, generation = generation_](error_code write_ec, std::size_t) {
                        if (generation == generation_ && write_ec) {
                          fail(&TransportErrors::reset);
                        }
                      });
  }

  // Drops the connection after a transport error. A request in flight is lost: what it asked
  // of the ledger may or may not have happened, and a timed-out one is the slowest of the run.
  void fail(std::int64_t TransportErrors::*kind) {
    const std::int64_t now = worker_.now_ns();
    worker_.count_error(kind, now);
    if (busy_) {
      worker_.lost(*this, kind == &TransportErrors::timeout, now);
    }
    busy_ = false;
    close();
    std::erase(worker_.idle_, this);
  }

  void close() {
    ++generation_;  // every handler still pending for the old socket now does nothing
    error_code ignored;
    socket_.close(ignored);
    filled_ = 0;
    have_head_ = false;
  }

  // Opens a new connection in the background; when it is up the worker gives it work.
  void reconnect() {
    if (connecting_) {
      return;
    }
    connecting_ = true;
    socket_.async_connect(worker_.endpoint_, [this, generation = generation_](error_code ec) {
      if (generation != generation_) {
        return;
      }
      connecting_ = false;
      if (!ec) {
        ec = configure();
      }
      if (ec) {
        worker_.count_error(&TransportErrors::connect, worker_.now_ns());
        close();
        return;
      }
      arm_wait();
      worker_.on_connection_free(*this, worker_.now_ns());
    });
  }

  [[nodiscard]] bool busy() const noexcept { return busy_; }
  [[nodiscard]] bool open() const noexcept { return socket_.is_open() && !connecting_; }
  [[nodiscard]] bool connecting() const noexcept { return connecting_; }
  [[nodiscard]] std::int64_t intended() const noexcept { return intended_; }
  [[nodiscard]] std::int64_t sent() const noexcept { return sent_; }
  [[nodiscard]] const GeneratedRequest& current() const noexcept { return current_; }

 private:
  // Non-throwing: this runs inside handlers, where an exception would end the whole thread.
  error_code configure() {
    error_code ec;
    socket_.set_option(tcp::no_delay(true), ec);
    if (!ec) {
      socket_.non_blocking(true, ec);
    }
    return ec;
  }

  void on_readable(error_code ec) {
    if (ec) {
      fail(&TransportErrors::reset);
      return;
    }
    const std::uint32_t generation = generation_;
    for (;;) {
      if (filled_ == buffer_.size()) {
        buffer_.resize(buffer_.size() * 2);
      }
      const std::size_t n =
          socket_.read_some(asio::buffer(buffer_.data() + filled_, buffer_.size() - filled_), ec);
      if (ec == asio::error::would_block) {
        break;
      }
      if (ec) {  // end of stream or reset: the server dropped us
        fail(&TransportErrors::reset);
        return;
      }
      filled_ += n;
      if (!busy_) {  // bytes nobody asked for
        fail(&TransportErrors::protocol);
        return;
      }
      const int progress = response_progress();
      if (progress < 0) {
        fail(&TransportErrors::protocol);
        return;
      }
      if (progress > 0) {
        finish_response();
        if (generation != generation_) {
          return;  // closed while finishing
        }
        break;
      }
    }
    arm_wait();
  }

  // 1 when the answer is whole, 0 when more bytes are needed, -1 when it cannot be framed.
  int response_progress() {
    if (!have_head_) {
      switch (parse_response_head(buffer_.data(), filled_, head_)) {
        case ParseResult::incomplete:
          return 0;
        case ParseResult::invalid:
          return -1;
        case ParseResult::complete:
          break;
      }
      have_head_ = true;
      needed_ = head_.head_bytes + head_.content_length;
      if (needed_ > kMaxResponseBytes) {
        return -1;
      }
      if (needed_ > buffer_.size()) {
        buffer_.resize(needed_);  // grows once, then is reused
      }
    }
    if (filled_ < needed_) {
      return 0;
    }
    return filled_ == needed_ ? 1 : -1;  // we never pipeline: extra bytes are an error
  }

  void finish_response() {
    const std::int64_t now = worker_.now_ns();
    worker_.record(*this, head_.status,
                   std::string_view(buffer_.data() + head_.head_bytes, head_.content_length), now);
    busy_ = false;
    filled_ = 0;
    have_head_ = false;
    if (head_.connection_close) {  // HTTP/1.0 or "Connection: close": open a fresh one
      close();
      reconnect();
      return;
    }
    worker_.on_connection_free(*this, now);
  }

  static constexpr std::size_t kMaxResponseBytes = std::size_t{64} * 1024 * 1024;

  Worker& worker_;
  tcp::socket socket_;
  RequestGenerator generator_;
  std::string request_;       // the request being sent, reused
  std::vector<char> buffer_;  // the answer being read, reused
  std::size_t filled_ = 0;
  std::size_t needed_ = 0;
  ResponseHead head_;
  bool have_head_ = false;
  bool busy_ = false;
  bool connecting_ = false;
  std::uint32_t generation_ = 0;
  std::int64_t intended_ = 0;
  std::int64_t sent_ = 0;
  GeneratedRequest current_;
};

Worker::Worker(WorkerConfig config, const RequestPlan& plan)
    : config_(std::move(config)),
      plan_(plan),
      io_(1),
      arrival_timer_(io_),
      housekeeping_timer_(io_),
      endpoint_(asio::ip::make_address(config_.target.address), config_.target.port),
      schedule_(config_.arrival, config_.rate > 0 ? config_.rate : 1.0, config_.first_arrival_ns,
                config_.arrival_seed),
      stats_(static_cast<std::size_t>(std::ceil(
                 static_cast<double>(config_.measure_end_ns - config_.warmup_end_ns) / 1e9)),
             plan.account_ids.size()) {
  item_statuses_.reserve(static_cast<std::size_t>(plan.workload.batch_size));
  connections_.reserve(static_cast<std::size_t>(config_.connections));
  for (int i = 0; i < config_.connections; ++i) {
    connections_.push_back(
        std::make_unique<Connection>(*this, config_.first_stream + static_cast<std::uint64_t>(i)));
  }
  idle_.reserve(connections_.size());
}

Worker::~Worker() = default;

void Worker::connect_all() {
  for (auto& connection : connections_) {
    connection->connect_blocking(endpoint_);
  }
}

void Worker::run(std::chrono::steady_clock::time_point start) {
  start_ = start;
  for (auto& connection : connections_) {
    connection->arm_wait();
  }
  if (config_.mode == LoopMode::closed) {
    for (auto& connection : connections_) {
      connection->begin(now_ns());
    }
  } else {
    for (auto& connection : connections_) {
      idle_.push_back(connection.get());
    }
    dispatch_due();
  }
  housekeeping();
  io_.run();
}

void Worker::on_connection_free(Connection& connection, std::int64_t now) {
  if (config_.mode == LoopMode::closed) {
    if (now < config_.measure_end_ns) {
      connection.begin(now);
    }
    return;
  }
  const std::int64_t due = schedule_.next();
  if (due <= now && due < config_.measure_end_ns) {
    connection.begin(take_arrival());  // possibly late: its latency counts from `due`
    return;
  }
  idle_.push_back(&connection);
  arm_arrival_timer();
}

void Worker::dispatch_due() {
  const std::int64_t now = now_ns();
  while (!idle_.empty() && schedule_.next() <= now && schedule_.next() < config_.measure_end_ns) {
    Connection* connection = idle_.back();
    idle_.pop_back();
    connection->begin(take_arrival());
  }
  arm_arrival_timer();
}

std::int64_t Worker::take_arrival() {
  const std::int64_t due = schedule_.next();
  schedule_.advance();
  if (due >= config_.warmup_end_ns && due < config_.measure_end_ns) {
    ++stats_.scheduled_in_window;
  }
  return due;
}

void Worker::arm_arrival_timer() {
  // One pending wait at a time: arrivals only move forward, so a timer set for an earlier
  // arrival fires early, finds nothing due, and sets itself again.
  if (arrival_timer_armed_ || idle_.empty() || schedule_.next() >= config_.measure_end_ns) {
    return;
  }
  arrival_timer_armed_ = true;
  arrival_timer_.expires_at(start_ + std::chrono::nanoseconds(schedule_.next()));
  arrival_timer_.async_wait([this](error_code ec) {
    arrival_timer_armed_ = false;
    if (!ec && !finished_) {
      dispatch_due();
    }
  });
}

void Worker::record(const Connection& connection, int status, std::string_view body,
                    std::int64_t now) {
  const GeneratedRequest& request = connection.current();
  const auto e = static_cast<std::size_t>(request.endpoint);
  const auto slot = static_cast<std::size_t>(status);  // three digits: < kStatusSlots

  ++stats_.all_status_counts[e][slot];
  bool expected = expected_status(request.endpoint, status);
  if (expected && request.endpoint == Endpoint::transfer && status == 409 &&
      body.find("insufficient_funds") == std::string_view::npos) {
    expected = false;  // e.g. idempotency_conflict: a bug, not contention
    ++stats_.transfer_409_not_insufficient_funds;
  }
  if (!note_ledger_outcome(request, status, body)) {
    expected = false;
    ++stats_.batch_items_unexpected;
  }
  if (!expected) {
    ++stats_.unexpected[e];
  }
  completed_.store(++stats_.completed_total, std::memory_order_relaxed);

  const std::int64_t intended = connection.intended();
  if (intended >= config_.warmup_end_ns && intended < config_.measure_end_ns) {
    EndpointStats& endpoint = stats_.endpoints[e];
    endpoint.corrected.record(now - intended);
    endpoint.uncorrected.record(now - connection.sent());
    ++endpoint.status_counts[slot];
    if (config_.mode == LoopMode::open) {
      stats_.schedule_lag.record(connection.sent() - intended);
    }
  }
  if (now >= config_.warmup_end_ns && now < config_.measure_end_ns) {
    ++stats_.completed_in_window;
    const auto second = static_cast<std::size_t>((now - config_.warmup_end_ns) / 1'000'000'000);
    if (second < stats_.seconds.size()) {
      stats_.seconds[second].latency.record(now - intended);
      ++stats_.seconds[second].completed;
    }
  }
}

bool Worker::note_ledger_outcome(const GeneratedRequest& request, int status,
                                 std::string_view body) {
  LedgerExpectation& ledger = stats_.ledger;
  if (status >= 500) {  // the server failed somewhere: maybe before, maybe after the change
    ledger.unknown(request);
    return true;
  }
  switch (request.endpoint) {
    case Endpoint::deposit:
      if (status == 201) {
        ledger.deposited(request.account, request.deposit_amount);
      }
      return true;
    case Endpoint::transfer:
      if (status == 201) {
        ledger.transferred(request.transfers.front());
      }
      return true;
    case Endpoint::transfer_batch:
      break;
    case Endpoint::get_account:
    case Endpoint::list_transactions:
    case Endpoint::health:
      return true;
  }
  if (status != 200) {
    return true;  // the envelope was refused: nothing applied
  }
  if (!batch_item_statuses(body, item_statuses_) ||
      item_statuses_.size() != request.transfers.size()) {
    ledger.unknown(request);  // cannot tell which items were applied
    return false;
  }
  bool as_allowed = true;
  for (std::size_t i = 0; i < item_statuses_.size(); ++i) {
    const int item = item_statuses_[i];
    if (item == 201) {
      ledger.transferred(request.transfers[i]);
    } else if (item >= 500) {
      ledger.maybe_transferred(request.transfers[i]);
    }
    // Our items are valid transfers between existing accounts: only insufficient funds may
    // refuse one.
    as_allowed = as_allowed && (item == 201 || item == 409);
  }
  return as_allowed;
}

void Worker::lost(const Connection& connection, bool timed_out, std::int64_t now) {
  stats_.ledger.unknown(connection.current());
  const std::int64_t intended = connection.intended();
  if (timed_out && intended >= config_.warmup_end_ns && intended < config_.measure_end_ns) {
    // Not answered by now: its latency is at least this.
    stats_.endpoints[static_cast<std::size_t>(connection.current().endpoint)].timed_out.record(
        now - intended);
  }
}

void Worker::count_error(std::int64_t TransportErrors::*kind, std::int64_t now) {
  ++(stats_.errors_total.*kind);
  if (now >= config_.warmup_end_ns && now < config_.measure_end_ns) {
    ++(stats_.errors.*kind);
    const auto second = static_cast<std::size_t>((now - config_.warmup_end_ns) / 1'000'000'000);
    if (second < stats_.seconds.size()) {
      ++stats_.seconds[second].errors;
    }
  }
}

void Worker::housekeeping() {
  if (finished_) {
    return;
  }
  const std::int64_t now = now_ns();
  bool pending = false;
  for (auto& connection : connections_) {
    if (connection->busy() && now - connection->sent() > config_.timeout_ns) {
      connection->fail(&TransportErrors::timeout);
    }
    if (now < config_.measure_end_ns && !connection->open() && !connection->connecting()) {
      connection->reconnect();  // after an error: at most one attempt per tick
    }
    pending = pending || connection->busy() || connection->connecting();
  }
  if (now >= config_.measure_end_ns) {
    if (!pending) {
      finish();
      return;
    }
    if (now >= config_.measure_end_ns + config_.drain_ns) {
      for (auto& connection : connections_) {
        if (connection->busy()) {
          connection->fail(&TransportErrors::timeout);
        }
      }
      finish();
      return;
    }
  }
  // Ticks every 10 ms: timeouts are found within 10 ms and the end within 10 ms of the last
  // answer, at the cost of a hundred wake-ups a second.
  housekeeping_timer_.expires_after(std::chrono::milliseconds(10));
  housekeeping_timer_.async_wait([this](error_code ec) {
    if (!ec) {
      housekeeping();
    }
  });
}

void Worker::finish() {
  finished_ = true;
  if (config_.mode == LoopMode::open) {
    // Arrivals of the measured phase that never got a connection: a server too slow for the
    // rate. They are the slowest requests of the run: each is recorded at its lower bound, the
    // time the run gave up on it minus its intended send time.
    const std::int64_t now = now_ns();
    while (schedule_.next() < config_.measure_end_ns) {
      const std::int64_t due = take_arrival();
      if (due >= config_.warmup_end_ns) {
        ++stats_.backlog_unsent;
        stats_.unsent.record(now - due);
      }
    }
  }
  for (auto& connection : connections_) {
    connection->close();
  }
  arrival_timer_.cancel();
  housekeeping_timer_.cancel();
  io_.stop();
}

}  // namespace archbench::loadgen
