// Histogram::value_at_percentile: walk the counters from the smallest value up until the running
// count reaches the rank of the percentile. Kept on its own: it is the heart of every latency
// figure archbench reports, and a lab has students write it.
#include <algorithm>
#include <cmath>

#include "loadgen/hdr_histogram.hpp"

namespace archbench::loadgen {

std::int64_t Histogram::value_at_percentile(double percentile) const noexcept {
  if (total_count_ == 0) {
    return 0;
  }
  percentile = std::clamp(percentile, 0.0, 100.0);
  // Nearest rank: the k-th smallest value, k = ceil(p/100 * n), at least 1. The tiny relative
  // slack keeps e.g. 99.9% of 1000 at rank 999 although 99.9 has no exact binary form.
  const double exact_rank = percentile / 100.0 * static_cast<double>(total_count_);
  auto rank = static_cast<std::int64_t>(std::ceil(exact_rank * (1.0 - 1e-12)));
  rank = std::clamp<std::int64_t>(rank, 1, total_count_);

  std::int64_t seen = 0;
  for (std::int32_t index = 0; index < counts_len(); ++index) {
    seen += count_at_index(index);
    if (seen >= rank) {
      // Every value in this counter is "the same" to 3 digits; report the top of its range,
      // so that a percentile never understates a latency, but never beyond the exact maximum.
      return std::min(highest_equivalent(value_at_index(index)), max_);
    }
  }
  return max_;
}

}  // namespace archbench::loadgen
