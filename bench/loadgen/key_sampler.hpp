// Picks which account a request touches: uniformly, or Zipf-distributed so that a few hot
// accounts take most of the traffic (the contention workload). Built once, then read-only and
// shared by every connection and thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "loadgen/rng.hpp"

namespace archbench::loadgen {

class KeySampler {
 public:
  // Uniform over [0, n).
  static KeySampler uniform(std::size_t n);
  // Zipf over [0, n): P(k) proportional to 1 / (k + 1)^s, so key 0 is the hottest. s > 0.
  static KeySampler zipf(std::size_t n, double s);

  std::size_t sample(Rng& rng) const noexcept;
  [[nodiscard]] std::size_t size() const noexcept { return n_; }
  // P(key == k), for tests and for the docs.
  [[nodiscard]] double probability(std::size_t k) const noexcept;

 private:
  explicit KeySampler(std::size_t n) : n_(n) {}
  std::size_t n_;
  // Zipf only: cdf_[k] = P(key <= k); a sample is a binary search of a uniform draw in it
  // (log2(10^4) = 14 steps: cheap next to a request, and exact for any s).
  std::vector<double> cdf_;
};

}  // namespace archbench::loadgen
