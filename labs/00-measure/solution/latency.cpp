// Lab 00, the reference answer. Read it after your own attempt passes, or when stuck.
#include "latency.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

namespace archbench::lab00 {

Nanos percentile(std::span<const Nanos> latencies, double p) {
  if (latencies.empty()) {
    throw std::invalid_argument("percentile of no latencies");
  }
  if (!(p >= 0.0 && p <= 100.0)) {  // written this way so that NaN is refused too
    throw std::invalid_argument("percentile outside [0, 100]");
  }
  // p / 100 * n in doubles puts 99.9 % of 1000 at rank 1000, not 999 (99.9 has no exact
  // binary form). Counting in millionths (p * 10^4) keeps the rank exact in integers.
  const auto n = static_cast<std::uint64_t>(latencies.size());
  const auto millionths = static_cast<std::uint64_t>(std::llround(p * 10'000.0));
  const std::uint64_t rank = std::max<std::uint64_t>(1, (millionths * n + 999'999) / 1'000'000);

  // nth_element puts the value of rank r at index r - 1 in O(n), without a full sort.
  std::vector<Nanos> values(latencies.begin(), latencies.end());
  const auto nth = values.begin() + static_cast<std::ptrdiff_t>(rank - 1);
  std::nth_element(values.begin(), nth, values.end());
  return *nth;
}

namespace {

void require_rate(double per_second) {
  if (!std::isfinite(per_second) || per_second <= 0.0) {
    throw std::invalid_argument("a rate must be finite and greater than zero");
  }
}

}  // namespace

std::vector<Nanos> constant_rate_schedule(double per_second, std::size_t count) {
  require_rate(per_second);
  std::vector<Nanos> schedule;
  schedule.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    // From i every time: adding a rounded interval would drift by up to 0.5 ns per request.
    schedule.emplace_back(std::llround(static_cast<double>(i) * 1e9 / per_second));
  }
  return schedule;
}

std::vector<Nanos> poisson_schedule(double per_second, std::size_t count, std::uint64_t seed) {
  require_rate(per_second);
  std::mt19937_64 engine(seed);
  std::exponential_distribution<double> gap_seconds(per_second);  // mean 1 / per_second
  std::vector<Nanos> schedule;
  schedule.reserve(count);
  double t = 0.0;  // the running sum stays in double; only what is stored is rounded
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) {
      t += gap_seconds(engine) * 1e9;
    }
    schedule.emplace_back(std::llround(t));
  }
  return schedule;
}

std::vector<Sample> run_closed_loop(std::span<const Nanos> schedule, SimulatedServer& server) {
  std::vector<Sample> samples;
  samples.reserve(schedule.size());
  Nanos previous_answer{0};
  for (const Nanos intended : schedule) {
    // The heart of coordinated omission: while the server stalls, the client does not send,
    // so the requests it should have sent are never measured as waiting.
    const Nanos sent = std::max(intended, previous_answer);
    const Nanos completed = server.serve(sent);
    samples.push_back({.intended = intended, .sent = sent, .completed = completed});
    previous_answer = completed;
  }
  return samples;
}

std::vector<Sample> run_open_loop(std::span<const Nanos> schedule, SimulatedServer& server) {
  std::vector<Sample> samples;
  samples.reserve(schedule.size());
  for (const Nanos intended : schedule) {
    samples.push_back(
        {.intended = intended, .sent = intended, .completed = server.serve(intended)});
  }
  return samples;
}

Nanos uncorrected_latency(const Sample& sample) { return sample.completed - sample.sent; }

Nanos corrected_latency(const Sample& sample) { return sample.completed - sample.intended; }

}  // namespace archbench::lab00
