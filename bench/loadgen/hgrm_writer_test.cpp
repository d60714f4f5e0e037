// The .hgrm text: HdrHistogram's column layout, levels that densify towards 100%, the final
// 100% line and the #[...] footer, with values scaled to milliseconds.
#include "loadgen/hgrm_writer.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace archbench::loadgen {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

TEST(HgrmWriter, WritesHdrHistogramPercentileDistribution) {
  Histogram h = Histogram::latency_ns();
  for (std::int64_t i = 1; i <= 10'000; ++i) {
    h.record(i * 1'000);  // 1 us .. 10 ms
  }
  std::ostringstream out;
  write_percentile_distribution(out, h, 1e6);
  const auto lines = lines_of(out.str());

  ASSERT_GT(lines.size(), 20u);
  EXPECT_EQ(lines[0], "       Value     Percentile TotalCount 1/(1-Percentile)");
  EXPECT_EQ(lines[1], "");
  // First level: 0%, at the smallest value (1 us = 0.001 ms), with count 1.
  EXPECT_EQ(lines[2], "       0.001 0.000000000000          1           1.00");

  // Data lines: value, percentile and count never decrease; the last one is 100%.
  double last_value = 0, last_percentile = -1;
  long long last_count = 0;
  std::size_t i = 2;
  for (; i < lines.size() && lines[i][0] != '#'; ++i) {
    std::istringstream fields(lines[i]);
    double value = 0, percentile = 0;
    long long count = 0;
    ASSERT_TRUE(fields >> value >> percentile >> count) << lines[i];
    EXPECT_GE(value, last_value);
    EXPECT_GT(percentile, last_percentile);
    EXPECT_GE(count, last_count);
    last_value = value;
    last_percentile = percentile;
    last_count = count;
  }
  EXPECT_EQ(lines[i - 1], "      10.002 1.000000000000      10000");  // top of 10 ms's bucket
  EXPECT_DOUBLE_EQ(last_percentile, 1.0);

  ASSERT_EQ(lines.size(), i + 3);
  EXPECT_EQ(lines[i].rfind("#[Mean    =        5.00", 0), 0u) << lines[i];
  EXPECT_NE(lines[i].find(", StdDeviation   = "), std::string::npos);
  EXPECT_EQ(lines[i + 1], "#[Max     =       10.000, Total count    =        10000]");
  EXPECT_EQ(lines[i + 2], "#[Buckets =           27, SubBuckets     =         2048]");
}

TEST(HgrmWriter, LevelsDensifyTowardsTheTail) {
  Histogram h = Histogram::latency_ns();
  for (std::int64_t i = 1; i <= 100'000; ++i) {
    h.record(i * 100);
  }
  std::ostringstream out;
  write_percentile_distribution(out, h, 1e6);
  const std::string text = out.str();
  // Five lines per halving of the tail: 0.5 .. 0.55 .. 0.6 ..., then 0.9, 0.99, 0.999 lines.
  EXPECT_NE(text.find(" 0.500000000000 "), std::string::npos);
  EXPECT_NE(text.find(" 0.550000000000 "), std::string::npos);
  EXPECT_NE(text.find(" 0.900000000000 "), std::string::npos);
  EXPECT_NE(text.find(" 0.990625000000 "), std::string::npos);
}

TEST(HgrmWriter, EmptyHistogramWritesHeaderAndFooterOnly) {
  const Histogram h = Histogram::latency_ns();
  std::ostringstream out;
  write_percentile_distribution(out, h, 1e6);
  const auto lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[3], "#[Max     =        0.000, Total count    =            0]");
}

}  // namespace
}  // namespace archbench::loadgen
