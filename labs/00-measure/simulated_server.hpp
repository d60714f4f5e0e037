// A server simulated on paper, for lab 00: given code, not part of the exercise.
//
// One worker serves requests first come, first served, each in the same service time. Once,
// it stalls: for `stall_length` from `stall_start` it does nothing at all, like a process
// stopped by a garbage-collection pause, a page-fault storm, a hung disk or `kill -STOP`.
// Times are offsets from the start of the run; nothing sleeps, so a 10 s run takes microseconds.
#pragma once

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace archbench::lab00 {

using Nanos = std::chrono::nanoseconds;

class SimulatedServer {
 public:
  explicit SimulatedServer(Nanos service_time, Nanos stall_start = Nanos{0},
                           Nanos stall_length = Nanos{0})
      : service_time_(service_time), stall_start_(stall_start), stall_length_(stall_length) {}

  // A request reaches the server at `arrival`; returns when its answer leaves the server.
  // Requests must arrive in time order (a real server cannot receive one in the past).
  Nanos serve(Nanos arrival) {
    if (arrival < last_arrival_) {
      throw std::logic_error("SimulatedServer::serve: requests must arrive in time order");
    }
    last_arrival_ = arrival;
    Nanos start = std::max(arrival, free_at_);  // waits in the queue while the worker is busy
    Nanos end = start + service_time_;
    const Nanos stall_end = stall_start_ + stall_length_;
    if (start >= stall_start_ && start < stall_end) {
      start = stall_end;  // the worker is frozen: it only picks the request up afterwards
      end = start + service_time_;
    } else if (start < stall_start_ && end > stall_start_) {
      end += stall_length_;  // frozen in the middle of the work: it finishes that much later
    }
    free_at_ = end;
    return end;
  }

 private:
  Nanos service_time_;
  Nanos stall_start_;
  Nanos stall_length_;
  Nanos free_at_{0};       // when the worker is next idle
  Nanos last_arrival_{0};  // to refuse arrivals out of order
};

}  // namespace archbench::lab00
