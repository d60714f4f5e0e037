// replaces: schedule.cpp
// caught by: Lab00_Step2_ConstantRate.EachTimeIsComputedFromItsIndex
// caught by: Lab00_Step2_ConstantRate.LongRunsDoNotDrift
//
// WRONG: adds a rounded interval to the previous time. Exact at 1000/s; at 3/s each step loses
// a third of a nanosecond, and a long run drifts ever further from its rate.
#include <cmath>
#include <random>
#include <stdexcept>

#include "latency.hpp"

namespace archbench::lab00 {
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
  const Nanos interval(std::llround(1e9 / per_second));
  Nanos t{0};
  for (std::size_t i = 0; i < count; ++i, t += interval) {
    schedule.push_back(t);
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

}  // namespace archbench::lab00
