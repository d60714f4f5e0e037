// Lab 00, the reference answer to step 1. Read it after your own attempt passes, or when stuck.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "latency.hpp"

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

}  // namespace archbench::lab00
