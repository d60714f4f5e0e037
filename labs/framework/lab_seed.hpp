// The seed of a lab's randomised tests, so that every failure can be replayed.
//
// A randomised test (a stress test, a crash test, a property checked on random inputs) takes its
// seed from lab_seed(): ARCHBENCH_LAB_SEED when it is set, a fresh random one otherwise. Each run
// of `scripts/lab check NN --repeat 50` draws a new one, as MIT 6.5840's testers do, and
// SeedTrace puts it in every failure message with the command that replays it:
//
//   const SeedTrace seed;                      // first line of the test
//   std::mt19937_64 random(seed.value());
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <string>

namespace archbench::labs {

// ARCHBENCH_LAB_SEED if set (a decimal number), otherwise a random seed.
[[nodiscard]] inline std::uint64_t lab_seed() {
  if (const char* text = std::getenv("ARCHBENCH_LAB_SEED"); text != nullptr && *text != '\0') {
    return std::stoull(text);
  }
  std::random_device entropy;
  return (static_cast<std::uint64_t>(entropy()) << 32U) ^ entropy();
}

// The test's seed, named in every failure it reports.
class SeedTrace {
 public:
  SeedTrace()
      : seed_(lab_seed()),
        trace_(__FILE__, __LINE__,
               "seed " + std::to_string(seed_) +
                   ": replay it with ARCHBENCH_LAB_SEED=" + std::to_string(seed_)) {}

  [[nodiscard]] std::uint64_t value() const noexcept { return seed_; }

 private:
  std::uint64_t seed_;
  ::testing::ScopedTrace trace_;
};

}  // namespace archbench::labs
