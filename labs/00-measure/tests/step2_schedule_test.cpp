// Lab 00, step 2: when an open-loop load generator sends each request.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <vector>

#include "latency.hpp"

namespace archbench::lab00 {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(Lab00_Step2_ConstantRate, StartsAtZeroAndSpacesEvenly) {
  const std::vector<Nanos> expected{milliseconds(0), milliseconds(1), milliseconds(2),
                                    milliseconds(3), milliseconds(4)};
  EXPECT_EQ(constant_rate_schedule(1000, 5), expected)
      << "hint: 1000 per second is one every millisecond, the first at t = 0";
}

TEST(Lab00_Step2_ConstantRate, EachTimeIsComputedFromItsIndex) {
  const std::vector<Nanos> expected{Nanos(0), Nanos(333'333'333), Nanos(666'666'667), seconds(1)};
  EXPECT_EQ(constant_rate_schedule(3, 4), expected)
      << "hint: compute each time from its index: adding a rounded 333'333'333 three times gives "
         "999'999'999, not 1 s";
}

TEST(Lab00_Step2_ConstantRate, LongRunsDoNotDrift) {
  const auto schedule = constant_rate_schedule(3, 300'001);
  ASSERT_EQ(schedule.size(), 300'001U) << "hint: one time per request";
  EXPECT_EQ(schedule.back(), seconds(100'000))
      << "hint: request 300'000 at 3 per second is due at exactly 100'000 s";
}

TEST(Lab00_Step2_ConstantRate, RatesBelowOnePerSecond) {
  const std::vector<Nanos> expected{seconds(0), seconds(2), seconds(4)};
  EXPECT_EQ(constant_rate_schedule(0.5, 3), expected) << "hint: 0.5 per second is one every 2 s";
}

TEST(Lab00_Step2_ConstantRate, RefusesRatesThatMeanNothing) {
  for (const double rate : {0.0, -1.0, kInfinity, kNaN}) {
    EXPECT_THROW(constant_rate_schedule(rate, 3), std::invalid_argument)
        << "rate " << rate
        << "; hint: a rate that is not finite and positive: std::invalid_argument";
  }
}

TEST(Lab00_Step2_Poisson, StartsAtZeroAndNeverGoesBack) {
  const auto schedule = poisson_schedule(1000, 1000, 7);
  ASSERT_EQ(schedule.size(), 1000U) << "hint: one time per request";
  EXPECT_EQ(schedule.front(), Nanos(0)) << "hint: t_0 = 0";
  for (std::size_t i = 1; i < schedule.size(); ++i) {
    ASSERT_GE(schedule[i], schedule[i - 1]) << "at i = " << i << "; hint: add a gap each time";
  }
}

TEST(Lab00_Step2_Poisson, SameSeedSameSchedule) {
  const auto first = poisson_schedule(1000, 100, 7);
  ASSERT_EQ(first.size(), 100U) << "hint: one time per request";
  EXPECT_EQ(poisson_schedule(1000, 100, 7), first) << "hint: seed std::mt19937_64 with `seed`";
  EXPECT_NE(poisson_schedule(1000, 100, 8), first) << "hint: seed std::mt19937_64 with `seed`";
}

// The gaps of a Poisson process are exponential: mean 1 / rate, standard deviation equal to the
// mean, and about 63 % (1 - 1/e) of them shorter than the mean. An even schedule has none.
TEST(Lab00_Step2_Poisson, GapsAreExponentialWithMeanOneOverTheRate) {
  constexpr std::size_t kGaps = 100'000;
  const auto schedule = poisson_schedule(1000, kGaps + 1, 11);
  ASSERT_EQ(schedule.size(), kGaps + 1) << "hint: one time per request";
  double sum = 0;
  double sum_of_squares = 0;
  std::size_t shorter_than_mean = 0;
  for (std::size_t i = 1; i <= kGaps; ++i) {
    const double gap_ms = static_cast<double>((schedule[i] - schedule[i - 1]).count()) / 1e6;
    sum += gap_ms;
    sum_of_squares += gap_ms * gap_ms;
    shorter_than_mean += gap_ms < 1.0 ? 1 : 0;
  }
  const double mean = sum / kGaps;
  const double deviation = std::sqrt(sum_of_squares / kGaps - mean * mean);
  EXPECT_NEAR(mean, 1.0, 0.02) << "hint: at 1000 per second the gaps average 1 ms";
  EXPECT_NEAR(deviation / mean, 1.0, 0.05)
      << "hint: draw each gap from std::exponential_distribution<double>(per_second)";
  EXPECT_NEAR(static_cast<double>(shorter_than_mean) / kGaps, 1 - std::exp(-1.0), 0.01)
      << "hint: draw each gap from std::exponential_distribution<double>(per_second)";
}

TEST(Lab00_Step2_Poisson, RefusesRatesThatMeanNothing) {
  for (const double rate : {0.0, -1.0, kInfinity, kNaN}) {
    EXPECT_THROW(poisson_schedule(rate, 3, 1), std::invalid_argument)
        << "rate " << rate << "; hint: the same check as constant_rate_schedule";
  }
}

}  // namespace
}  // namespace archbench::lab00
