// A small, fast random generator whose output is fixed by its seed on every platform:
// xoshiro256** seeded through splitmix64, with our own mapping to ranges. The standard
// distributions (std::uniform_int_distribution...) are not specified bit-for-bit, so a workload
// drawn with them could differ between standard libraries; this one cannot.
#pragma once

#include <cmath>
#include <cstdint>

namespace archbench::loadgen {

// 64x64->128-bit multiply; __extension__ tells -Wpedantic that we mean the GCC/Clang type.
__extension__ using Uint128 = unsigned __int128;

// splitmix64: turns any 64-bit seed (0 included) into well-mixed state words.
constexpr std::uint64_t splitmix64(std::uint64_t& state) noexcept {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  // One independent stream per (seed, stream): e.g. one per connection.
  explicit Rng(std::uint64_t seed, std::uint64_t stream = 0) noexcept {
    std::uint64_t s = seed ^ (0xa0761d6478bd642fULL * (stream + 1));
    for (auto& word : state_) {
      word = splitmix64(s);
    }
  }

  std::uint64_t next() noexcept {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, bound), bound > 0, without modulo bias (Lemire's multiply-and-reject).
  std::uint64_t below(std::uint64_t bound) noexcept {
    Uint128 m = static_cast<Uint128>(next()) * bound;
    auto low = static_cast<std::uint64_t>(m);
    if (low < bound) {
      const std::uint64_t threshold = (0 - bound) % bound;
      while (low < threshold) {
        m = static_cast<Uint128>(next()) * bound;
        low = static_cast<std::uint64_t>(m);
      }
    }
    return static_cast<std::uint64_t>(m >> 64);
  }

  // Uniform in [lo, hi], lo <= hi.
  std::int64_t between(std::int64_t lo, std::int64_t hi) noexcept {
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
  }

  // Uniform in [0, 1) with 53 random bits.
  double unit() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  // Exponentially distributed with the given mean: the gaps of a Poisson process.
  double exponential(double mean) noexcept { return -std::log1p(-unit()) * mean; }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept {
    return (x << k) | (x >> (64 - k));
  }
  std::uint64_t state_[4];
};

}  // namespace archbench::loadgen
