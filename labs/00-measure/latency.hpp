// Lab 00's contract: the few functions that decide what a latency number means.
//
// Step 1 reads a percentile off a set of latencies; step 2 says when an open-loop load
// generator should send each request; step 3 runs a closed-loop and an open-loop client against
// a server that stalls and measures latency two ways; step 4 gives the open loop what a real one
// has, a fixed number of connections, and with it a queue in the client. The tests in tests/
// check exactly what is written here. You write them in starter/ (percentile.cpp, schedule.cpp,
// clients.cpp); solution/ holds one answer.
//
// All times are std::chrono::nanoseconds offsets from the start of a run (t = 0).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "simulated_server.hpp"

namespace archbench::lab00 {

using Nanos = std::chrono::nanoseconds;

// ---- Step 1: percentiles -------------------------------------------------------------------

// The p-th percentile of `latencies` by the nearest-rank method: sort the n values ascending
// (x_1 <= ... <= x_n); the answer is x_r with r = max(1, ceil(p / 100 * n)). So p = 50 of
// {1..100} is 50, p = 99 is 99, p = 100 is the maximum and p = 0 the minimum. The answer is
// always one of the measured values, never an interpolation.
// p is taken to four decimal places (99.9 means exactly 999/1000), and the rank must not drift
// with floating-point rounding: p = 99.9 of 1000 values is x_999.
// The input need not be sorted and is not modified.
// Throws std::invalid_argument if `latencies` is empty or p is outside [0, 100].
Nanos percentile(std::span<const Nanos> latencies, double p);

// ---- Step 2: the open-loop schedule --------------------------------------------------------

// When an open-loop generator intends to send each of `count` requests at a constant rate:
// request i is due at t_i = i * 10^9 / per_second nanoseconds, rounded to the nearest
// nanosecond; t_0 = 0. Each t_i is computed from i, so rounding never accumulates: at 3/s,
// t_3 is exactly 1 s.
// Throws std::invalid_argument unless per_second is finite and > 0.
std::vector<Nanos> constant_rate_schedule(double per_second, std::size_t count);

// The same, with arrivals of a Poisson process (how independent users arrive): t_0 = 0 and
// each gap t_i - t_(i-1) is exponentially distributed with mean 1 / per_second seconds, drawn
// from std::mt19937_64 seeded with `seed` (same seed, same schedule). Non-decreasing.
// Throws std::invalid_argument unless per_second is finite and > 0.
std::vector<Nanos> poisson_schedule(double per_second, std::size_t count, std::uint64_t seed);

// ---- Step 3: coordinated omission ----------------------------------------------------------

// What a load generator records about one request.
struct Sample {
  Nanos intended;   // when the schedule said to send it
  Nanos sent;       // when the client actually sent it
  Nanos completed;  // when its answer arrived
};

// One connection, closed loop: the client waits for each answer before sending the next
// request, so request i goes out at max(schedule[i], when answer i-1 arrived); request 0 at
// schedule[0]. Returns one Sample per scheduled request, in order. The server sees the requests
// in the order they are sent.
std::vector<Sample> run_closed_loop(std::span<const Nanos> schedule, SimulatedServer& server);

// Open loop: every request goes out exactly when scheduled, whether or not earlier answers have
// arrived (as many connections as needed). Returns one Sample per scheduled request, in order.
std::vector<Sample> run_open_loop(std::span<const Nanos> schedule, SimulatedServer& server);

// Latency as most closed-loop tools report it: completed - sent.
Nanos uncorrected_latency(const Sample& sample);

// Latency as a user waiting since the intended time sees it: completed - intended.
Nanos corrected_latency(const Sample& sample);

// ---- Step 4: an open loop with N connections -----------------------------------------------

// What a real open-loop generator does (wrk2, archbench-loadgen --mode open): it holds a fixed
// pool of `connections`, each carrying one request at a time (HTTP/1.1, no pipelining).
// Request i is due at schedule[i]. It goes out as soon as it is due *and* a connection is free:
// sent = max(schedule[i], the earliest time a connection is free), requests leaving in schedule
// order (the first due is the first sent); completed = server.serve(sent), and that connection
// is busy until then. So with enough connections it is run_open_loop, and with one it is
// run_closed_loop. Returns one Sample per scheduled request, in order.
// Throws std::invalid_argument if connections == 0.
std::vector<Sample> run_open_loop_on_connections(std::span<const Nanos> schedule,
                                                 std::size_t connections, SimulatedServer& server);

}  // namespace archbench::lab00
