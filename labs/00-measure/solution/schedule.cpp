// Lab 00, the reference answer to step 2. Read it after your own attempt passes, or when stuck.
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

}  // namespace archbench::lab00
