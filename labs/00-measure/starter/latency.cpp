// Lab 00: your code. Fill in every TODO(student), one step at a time, and run
// `scripts/lab check 00` after each. latency.hpp (one folder up) defines what each function
// must return; the tests in ../tests/ check it. Each function compiles and returns a
// placeholder until you replace it.
#include "latency.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

namespace archbench::lab00 {

// Step 1. The nearest-rank percentile.
//
// 1. Refuse what has no answer: no latencies, or p outside [0, 100] (NaN included), by throwing
//    std::invalid_argument.
// 2. Compute the rank r = max(1, ceil(p / 100 * n)). Careful: in doubles, 99.9 / 100 * 1000 is
//    999.0000000000001, whose ceiling is 1000. Convert p to an integer number of millionths
//    first (std::llround(p * 10'000)) and do the rest in integer arithmetic.
// 3. Return the r-th smallest value (1-based). Copy the input first: it is read-only. Sorting
//    the copy works; std::nth_element finds one rank in linear time.
Nanos percentile(std::span<const Nanos> latencies, double p) {
  // TODO(student): Step 1. Replace this placeholder.
  static_cast<void>(latencies);  // (silences "unused parameter" until you use them)
  static_cast<void>(p);
  return Nanos{0};
}

// Step 2a. The constant-rate schedule.
//
// Request i is due at i * 10^9 / per_second nanoseconds. Compute each time from i (in double,
// then std::llround): adding a rounded interval again and again drifts, and at 3 requests per
// second would put request 3 at 999'999'999 ns instead of 1 s. Throw std::invalid_argument for
// a rate that is not finite or not positive (std::isfinite).
std::vector<Nanos> constant_rate_schedule(double per_second, std::size_t count) {
  // TODO(student): Step 2. Replace this placeholder.
  static_cast<void>(per_second);
  static_cast<void>(count);
  return {};
}

// Step 2b. The Poisson schedule.
//
// Same rate check. Seed a std::mt19937_64 with `seed`; std::exponential_distribution<double>
// with parameter per_second draws gaps in seconds with mean 1 / per_second. t_0 = 0, and each
// next time adds one gap. Keep the running sum in double nanoseconds and round only what you
// store, so rounding does not accumulate.
std::vector<Nanos> poisson_schedule(double per_second, std::size_t count, std::uint64_t seed) {
  // TODO(student): Step 2. Replace this placeholder.
  static_cast<void>(per_second);
  static_cast<void>(count);
  static_cast<void>(seed);
  return {};
}

// Step 3a. The closed loop: one connection, one request in flight.
//
// For each intended time, in order: the client can send only once the previous answer is back,
// so sent = max(intended, previous completed) (for the first request, sent = intended);
// completed = server.serve(sent). Record {intended, sent, completed}.
// Notice what happens while the server stalls: the client sends nothing, so the requests it
// should have sent meanwhile are "coordinated" away and never measured as waiting.
std::vector<Sample> run_closed_loop(std::span<const Nanos> schedule, SimulatedServer& server) {
  // TODO(student): Step 3. Replace this placeholder.
  static_cast<void>(schedule);
  static_cast<void>(server);
  return {};
}

// Step 3b. The open loop: every request leaves on time, however many are still unanswered.
//
// sent = intended; completed = server.serve(intended).
std::vector<Sample> run_open_loop(std::span<const Nanos> schedule, SimulatedServer& server) {
  // TODO(student): Step 3. Replace this placeholder.
  static_cast<void>(schedule);
  static_cast<void>(server);
  return {};
}

// Step 3c. The two latencies of one sample: measured from when it was sent (what a closed-loop
// tool reports) and from when it should have been sent (what the user waiting for it sees).
Nanos uncorrected_latency(const Sample& sample) {
  // TODO(student): Step 3. Replace this placeholder.
  static_cast<void>(sample);
  return Nanos{0};
}

Nanos corrected_latency(const Sample& sample) {
  // TODO(student): Step 3. Replace this placeholder.
  static_cast<void>(sample);
  return Nanos{0};
}

}  // namespace archbench::lab00
