// replaces: percentile.cpp
// caught by: Lab00_Step1_Percentile.RankDoesNotDriftWithFloatingPoint
//
// WRONG: the rank straight from the formula, in doubles. Right for p = 50, 90, 99 and every
// "round" test; off by one rank at p = 99.9 of 1000 values, the percentile a tail is judged by.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "latency.hpp"

namespace archbench::lab00 {

Nanos percentile(std::span<const Nanos> latencies, double p) {
  if (latencies.empty()) throw std::invalid_argument("percentile of no latencies");
  if (!(p >= 0.0 && p <= 100.0)) throw std::invalid_argument("percentile outside [0, 100]");
  const double exact = std::ceil(p / 100.0 * static_cast<double>(latencies.size()));
  const auto rank = std::max<std::size_t>(1, static_cast<std::size_t>(exact));
  std::vector<Nanos> values(latencies.begin(), latencies.end());
  std::sort(values.begin(), values.end());
  return values[rank - 1];
}

}  // namespace archbench::lab00
