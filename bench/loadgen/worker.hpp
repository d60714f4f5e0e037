// One load-generating thread: an io_context, its share of the connections, and its own
// RunStats. Closed loop: each connection sends its next request as soon as the last one is
// answered. Open loop: requests are due at the times of an ArrivalSchedule; a due request goes
// to an idle connection, or waits (its latency clock already running) until one frees up.
//
// The hot path is written for low client CPU per request, like wrk's: one send() per request,
// an epoll wait, one recv() for the answer, no allocation, no lock.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

#include "loadgen/arrival_schedule.hpp"
#include "loadgen/request_generator.hpp"
#include "loadgen/run_stats.hpp"
#include "loadgen/target.hpp"

namespace archbench::loadgen {

struct WorkerConfig {
  Target target;
  LoopMode mode = LoopMode::closed;
  Arrival arrival = Arrival::constant;
  double rate = 0;  // open loop: this worker's share, requests per second
  std::int64_t first_arrival_ns = 0;
  std::uint64_t arrival_seed = 0;
  // The run's phases, in ns after the start: [0, warmup_end) warm-up,
  // [warmup_end, measure_end) measured, then at most drain_ns to collect the last answers.
  std::int64_t warmup_end_ns = 0;
  std::int64_t measure_end_ns = 0;
  std::int64_t drain_ns = 0;
  std::int64_t timeout_ns = 0;     // a request unanswered this long is a timeout
  std::uint64_t first_stream = 0;  // connection i uses request stream first_stream + i
  int connections = 1;
};

class Connection;

class Worker {
 public:
  Worker(WorkerConfig config, const RequestPlan& plan);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Opens every connection (blocking). Throws std::runtime_error when one cannot connect.
  void connect_all();
  // Generates load from start until the measured phase ends and the last answers are in.
  void run(std::chrono::steady_clock::time_point start);

  [[nodiscard]] const RunStats& stats() const noexcept { return stats_; }
  // Read by the progress reporter on another thread while run() works.
  [[nodiscard]] std::int64_t completed_so_far() const noexcept {
    return completed_.load(std::memory_order_relaxed);
  }

 private:
  friend class Connection;

  [[nodiscard]] std::int64_t now_ns() const noexcept {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() -
                                                                start_)
        .count();
  }
  // A connection finished a request (or just connected) and can take the next one.
  void on_connection_free(Connection& connection, std::int64_t now);
  void record(const Connection& connection, int status, std::string_view body, std::int64_t now);
  // A request in flight was lost with its connection; timed_out: given up on after the timeout.
  void lost(const Connection& connection, bool timed_out, std::int64_t now);
  // Notes what an answer commits the ledger to; false when a batch answer's items are unreadable
  // or not what the contract allows.
  bool note_ledger_outcome(const GeneratedRequest& request, int status, std::string_view body);
  // The next arrival of the schedule, taken (counted when it falls in the measured phase).
  std::int64_t take_arrival();
  void count_error(std::int64_t TransportErrors::*kind, std::int64_t now);
  void dispatch_due();
  void arm_arrival_timer();
  void housekeeping();
  void finish();

  WorkerConfig config_;
  const RequestPlan& plan_;
  boost::asio::io_context io_;
  boost::asio::steady_timer arrival_timer_;
  boost::asio::steady_timer housekeeping_timer_;
  boost::asio::ip::tcp::endpoint endpoint_;
  std::chrono::steady_clock::time_point start_;
  std::vector<std::unique_ptr<Connection>> connections_;
  std::vector<Connection*> idle_;  // open loop: connected and waiting for a due request
  ArrivalSchedule schedule_;
  bool arrival_timer_armed_ = false;
  bool finished_ = false;
  RunStats stats_;
  std::vector<int> item_statuses_;  // scratch: a batch answer's item statuses
  std::atomic<std::int64_t> completed_{0};
};

}  // namespace archbench::loadgen
