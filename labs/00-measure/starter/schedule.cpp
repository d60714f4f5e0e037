// Lab 00: your code for step 2, the two schedules latency.hpp specifies. When stuck,
// `scripts/lab hint 00 2` shows one hint at a time.
#include <cmath>
#include <random>
#include <stdexcept>

#include "latency.hpp"

namespace archbench::lab00 {

std::vector<Nanos> constant_rate_schedule(double per_second, std::size_t count) {
  // TODO(student): Step 2. Replace this placeholder.
  static_cast<void>(per_second);
  static_cast<void>(count);
  return {};
}

std::vector<Nanos> poisson_schedule(double per_second, std::size_t count, std::uint64_t seed) {
  // TODO(student): Step 2. Replace this placeholder.
  static_cast<void>(per_second);
  static_cast<void>(count);
  static_cast<void>(seed);
  return {};
}

}  // namespace archbench::lab00
