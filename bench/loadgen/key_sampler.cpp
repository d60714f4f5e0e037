// Uniform and Zipf key sampling; see key_sampler.hpp.
#include "loadgen/key_sampler.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace archbench::loadgen {

KeySampler KeySampler::uniform(std::size_t n) {
  if (n == 0) {
    throw std::invalid_argument("key sampler: no keys");
  }
  return KeySampler(n);
}

KeySampler KeySampler::zipf(std::size_t n, double s) {
  if (n == 0) {
    throw std::invalid_argument("key sampler: no keys");
  }
  if (!(s > 0.0) || s > 10.0) {
    throw std::invalid_argument("key sampler: zipf s must be in (0, 10]");
  }
  KeySampler sampler(n);
  sampler.cdf_.resize(n);
  double total = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    total += 1.0 / std::pow(static_cast<double>(k + 1), s);
    sampler.cdf_[k] = total;
  }
  for (double& c : sampler.cdf_) {
    c /= total;
  }
  sampler.cdf_.back() = 1.0;  // no rounding gap at the top
  return sampler;
}

std::size_t KeySampler::sample(Rng& rng) const noexcept {
  if (cdf_.empty()) {
    return static_cast<std::size_t>(rng.below(n_));
  }
  const double u = rng.unit();
  const auto it = std::upper_bound(cdf_.begin(), cdf_.end(), u);
  return std::min(static_cast<std::size_t>(it - cdf_.begin()), n_ - 1);
}

double KeySampler::probability(std::size_t k) const noexcept {
  if (k >= n_) {
    return 0.0;
  }
  if (cdf_.empty()) {
    return 1.0 / static_cast<double>(n_);
  }
  return k == 0 ? cdf_[0] : cdf_[k] - cdf_[k - 1];
}

}  // namespace archbench::loadgen
