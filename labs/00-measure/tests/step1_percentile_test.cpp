// Lab 00, step 1: reading a percentile off a set of latencies (nearest rank).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include "latency.hpp"

namespace archbench::lab00 {
namespace {

using std::chrono::milliseconds;

// 1..n milliseconds, shuffled: percentile() must not rely on sorted input.
std::vector<Nanos> one_to(int n) {
  std::vector<Nanos> values;
  for (int i = 1; i <= n; ++i) {
    values.emplace_back(milliseconds(i));
  }
  std::shuffle(values.begin(), values.end(), std::mt19937_64(42));
  return values;
}

TEST(Lab00_Step1_Percentile, NearestRankOfOneToHundred) {
  const auto values = one_to(100);
  EXPECT_EQ(percentile(values, 50), milliseconds(50))
      << "hint: the r-th smallest value, r = max(1, ceil(p / 100 * n)): here the 50th of 1..100";
  EXPECT_EQ(percentile(values, 90), milliseconds(90)) << "hint: the 90th smallest value";
  EXPECT_EQ(percentile(values, 99), milliseconds(99)) << "hint: the 99th smallest value";
}

TEST(Lab00_Step1_Percentile, ZeroIsTheMinimumAndHundredTheMaximum) {
  const auto values = one_to(100);
  EXPECT_EQ(percentile(values, 0), milliseconds(1)) << "hint: r = max(1, ...): p = 0 is x_1";
  EXPECT_EQ(percentile(values, 100), milliseconds(100)) << "hint: p = 100 is x_n, the maximum";
}

TEST(Lab00_Step1_Percentile, AnswerIsAlwaysAMeasuredValue) {
  const std::vector<Nanos> values{milliseconds(40), milliseconds(10), milliseconds(30),
                                  milliseconds(20)};
  EXPECT_EQ(percentile(values, 50), milliseconds(20))
      << "hint: nearest rank never interpolates: r = ceil(0.5 * 4) = 2, so the 2nd smallest";
  EXPECT_EQ(percentile(values, 75), milliseconds(30)) << "hint: r = ceil(0.75 * 4) = 3";
  EXPECT_EQ(percentile(values, 76), milliseconds(40)) << "hint: r = ceil(0.76 * 4) = 4";
  EXPECT_EQ(percentile(values, 1), milliseconds(10)) << "hint: r = ceil(0.01 * 4) = 1";
}

TEST(Lab00_Step1_Percentile, OneValueIsEveryPercentile) {
  const std::vector<Nanos> values{milliseconds(7)};
  EXPECT_EQ(percentile(values, 0), milliseconds(7));
  EXPECT_EQ(percentile(values, 50), milliseconds(7));
  EXPECT_EQ(percentile(values, 100), milliseconds(7));
}

TEST(Lab00_Step1_Percentile, LeavesItsInputAlone) {
  const auto values = one_to(10);
  EXPECT_EQ(percentile(values, 90), milliseconds(9));
  EXPECT_EQ(values, one_to(10)) << "hint: the input is read-only: sort a copy";
}

TEST(Lab00_Step1_Percentile, RankDoesNotDriftWithFloatingPoint) {
  EXPECT_EQ(percentile(one_to(1000), 99.9), milliseconds(999))
      << "hint: in doubles 99.9 / 100 * 1000 = 999.0000000000001, whose ceiling is 1000: p is "
         "taken to four decimals, so the rank can be computed without doubles";
  EXPECT_EQ(percentile(one_to(100'000), 0.017), milliseconds(17))
      << "hint: 0.017 * 100000 / 100 is 17.000000000000004 in doubles";
}

TEST(Lab00_Step1_Percentile, RefusesWhatHasNoAnswer) {
  const auto values = one_to(10);
  EXPECT_THROW(percentile(std::vector<Nanos>{}, 50), std::invalid_argument)
      << "hint: no latencies, no percentile: throw std::invalid_argument";
  EXPECT_THROW(percentile(values, -1), std::invalid_argument) << "hint: p must be in [0, 100]";
  EXPECT_THROW(percentile(values, 100.5), std::invalid_argument) << "hint: p must be in [0, 100]";
  EXPECT_THROW(percentile(values, std::numeric_limits<double>::quiet_NaN()), std::invalid_argument)
      << "hint: NaN fails every comparison, p < 0 and p > 100 included";
}

}  // namespace
}  // namespace archbench::lab00
