// The histogram against exact answers: percentiles of known samples within the 0.1% that three
// significant digits promise, merging, and the lossless round trip of its counts.
#include "loadgen/hdr_histogram.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

namespace archbench::loadgen {
namespace {

// Nearest-rank percentile of a sorted sample: the reference the histogram must match.
std::int64_t exact_percentile(const std::vector<std::int64_t>& sorted, double p) {
  const auto n = static_cast<double>(sorted.size());
  auto rank = static_cast<std::int64_t>(std::ceil(p / 100.0 * n * (1.0 - 1e-12)));
  rank = std::clamp<std::int64_t>(rank, 1, static_cast<std::int64_t>(sorted.size()));
  return sorted[static_cast<std::size_t>(rank - 1)];
}

void expect_percentiles_match(std::vector<std::int64_t> samples) {
  Histogram h = Histogram::latency_ns();
  for (auto v : samples) {
    h.record(v);
  }
  std::sort(samples.begin(), samples.end());
  ASSERT_EQ(h.total_count(), static_cast<std::int64_t>(samples.size()));
  EXPECT_EQ(h.min(), samples.front());
  EXPECT_EQ(h.max(), samples.back());
  for (double p : {0.0, 1.0, 10.0, 25.0, 50.0, 75.0, 90.0, 99.0, 99.9, 99.99, 100.0}) {
    const auto exact = static_cast<double>(exact_percentile(samples, p));
    const auto got = static_cast<double>(h.value_at_percentile(p));
    // Reported as the top of the exact value's sub-bucket: never below, at most 0.1% above.
    EXPECT_GE(got, exact) << "p" << p;
    EXPECT_LE(got, exact * 1.001 + 1) << "p" << p;
  }
}

TEST(Histogram, UniformSamplesGiveExactPercentilesToThreeDigits) {
  std::mt19937_64 gen(1);
  std::uniform_int_distribution<std::int64_t> dist(1'000, 100'000'000);  // 1 us .. 100 ms
  std::vector<std::int64_t> samples(200'000);
  for (auto& v : samples) {
    v = dist(gen);
  }
  expect_percentiles_match(samples);
}

TEST(Histogram, ExponentialSamplesGiveExactPercentilesToThreeDigits) {
  std::mt19937_64 gen(2);
  std::exponential_distribution<double> dist(1.0 / 50'000.0);  // mean 50 us, long tail
  std::vector<std::int64_t> samples(200'000);
  for (auto& v : samples) {
    v = 1'000 + static_cast<std::int64_t>(dist(gen));
  }
  expect_percentiles_match(samples);
}

TEST(Histogram, ConstantSamplesGiveThatValueEverywhere) {
  Histogram h = Histogram::latency_ns();
  for (int i = 0; i < 1000; ++i) {
    h.record(123'456);
  }
  for (double p : {0.0, 50.0, 99.0, 100.0}) {
    EXPECT_EQ(h.value_at_percentile(p), 123'456) << "p" << p;  // capped at the exact max
  }
  EXPECT_NEAR(h.mean(), 123'456, 123'456 * 0.001);
  EXPECT_LT(h.stddev(), 123'456 * 0.001);
}

TEST(Histogram, SmallValuesAreExact) {
  Histogram h = Histogram::latency_ns();
  for (std::int64_t v = 1; v <= 2000; ++v) {
    h.record(v);
  }
  EXPECT_EQ(h.value_at_percentile(50), 1000);
  EXPECT_EQ(h.value_at_percentile(100), 2000);
  EXPECT_EQ(h.lowest_equivalent(1500), 1500);
  EXPECT_EQ(h.highest_equivalent(1500), 1500);
}

TEST(Histogram, EquivalentRangesAreWithinAThousandthOfTheValue) {
  const Histogram h = Histogram::latency_ns();
  for (std::int64_t v : {std::int64_t{2'048}, std::int64_t{999'999}, std::int64_t{123'456'789},
                         std::int64_t{99'999'999'999}}) {
    EXPECT_LE(h.lowest_equivalent(v), v);
    EXPECT_GE(h.highest_equivalent(v), v);
    EXPECT_LE(static_cast<double>(h.equivalent_range(v)), static_cast<double>(v) / 1000.0);
    EXPECT_EQ(h.value_at_index(h.index_for(v)), h.lowest_equivalent(v));
  }
}

TEST(Histogram, LayoutMatchesHdrHistogramForThreeDigitsUpTo100Seconds) {
  const Histogram h = Histogram::latency_ns();
  EXPECT_EQ(h.sub_bucket_count(), 2048);
  EXPECT_EQ(h.bucket_count(), 27);  // 2048 * 2^26 > 1e11
  EXPECT_EQ(h.counts_len(), 28 * 1024);
}

TEST(Histogram, ValuesOutOfRangeAreClampedAndCounted) {
  Histogram h = Histogram::latency_ns();
  h.record(200'000'000'000);  // 200 s
  h.record(-5);
  EXPECT_EQ(h.total_count(), 2);
  EXPECT_EQ(h.clamped_count(), 2);
  EXPECT_EQ(h.max(), 100'000'000'000);
  EXPECT_EQ(h.min(), 0);
}

TEST(Histogram, MergeEqualsRecordingEverythingInOne) {
  std::mt19937_64 gen(3);
  std::uniform_int_distribution<std::int64_t> dist(1, 5'000'000'000);
  Histogram a = Histogram::latency_ns();
  Histogram b = Histogram::latency_ns();
  Histogram all = Histogram::latency_ns();
  for (int i = 0; i < 50'000; ++i) {
    const auto v = dist(gen);
    (i % 3 == 0 ? a : b).record(v);
    all.record(v);
  }
  a.add(b);
  EXPECT_EQ(a, all);
  EXPECT_EQ(a.value_at_percentile(99.9), all.value_at_percentile(99.9));
}

TEST(Histogram, MergingDifferentLayoutsIsRefused) {
  Histogram a = Histogram::latency_ns();
  const Histogram b(1, 100'000'000'000, 2);
  EXPECT_THROW(a.add(b), std::invalid_argument);
}

TEST(Histogram, NonZeroCountsRoundTripLosslessly) {
  std::mt19937_64 gen(4);
  std::lognormal_distribution<double> dist(11.0, 1.5);
  Histogram h = Histogram::latency_ns();
  for (int i = 0; i < 100'000; ++i) {
    h.record(static_cast<std::int64_t>(dist(gen)));
  }
  const auto counts = h.nonzero_counts();
  EXPECT_LT(counts.size(), 20'000u);  // sparse: far fewer than the 28672 counters
  const Histogram back =
      Histogram::from_counts(h.lowest_discernible(), h.highest_trackable(), h.significant_figures(),
                             counts, h.min(), h.max(), h.clamped_count());
  EXPECT_EQ(back, h);
  EXPECT_EQ(back.value_at_percentile(99.99), h.value_at_percentile(99.99));
  EXPECT_DOUBLE_EQ(back.mean(), h.mean());
}

TEST(Histogram, FromCountsRejectsIndexesOutsideTheLayout) {
  EXPECT_THROW(Histogram::from_counts(1, 100'000'000'000, 3, {{28 * 1024, 1}}, 1, 1),
               std::invalid_argument);
  EXPECT_THROW(Histogram::from_counts(1, 100'000'000'000, 3, {{5, -1}}, 1, 1),
               std::invalid_argument);
}

TEST(Histogram, EmptyHistogramAnswersZeros) {
  const Histogram h = Histogram::latency_ns();
  EXPECT_EQ(h.value_at_percentile(99), 0);
  EXPECT_EQ(h.min(), 0);
  EXPECT_EQ(h.max(), 0);
  EXPECT_EQ(h.mean(), 0.0);
}

}  // namespace
}  // namespace archbench::loadgen
