// The .hgrm layout: a header, one line per percentile level (levels get denser towards 100% so
// that the tail is readable on a log axis), the 100% line, and the #[...] footer.
#include "loadgen/hgrm_writer.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ostream>
#include <string>

namespace archbench::loadgen {
namespace {

// snprintf into a string: the format strings are HdrHistogram's, written with printf in mind.
template <typename... Args>
std::string format(const char* fmt, Args... args) {
  char buffer[160];
  // The format strings below are literals assembled from known digits: not user input.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  const int n = std::snprintf(buffer, sizeof buffer, fmt, args...);
#pragma GCC diagnostic pop
  return {buffer, n < 0 ? 0 : static_cast<std::size_t>(n)};
}

// HdrHistogram's percentile iterator: after reporting level L, the next level is
// L + 100 / (ticks * 2^(floor(log2(100 / (100 - L))) + 1)), so each halving of the remaining
// tail gets `ticks` lines.
double next_level(double level, int ticks_per_half_distance) {
  const auto halvings =
      static_cast<std::int64_t>(std::log(100.0 / (100.0 - level)) / std::log(2.0));
  const double reporting_ticks = static_cast<double>(ticks_per_half_distance) *
                                 std::pow(2.0, static_cast<double>(halvings + 1));
  return level + 100.0 / reporting_ticks;
}

}  // namespace

void write_percentile_distribution(std::ostream& out, const Histogram& h, double value_scale,
                                   int ticks_per_half_distance) {
  const int digits = h.significant_figures();
  const std::string value_fmt = "%12." + std::to_string(digits) + "f";
  const std::string line_fmt = value_fmt + " %2.12f %10lld %14.2f\n";
  const std::string last_line_fmt = value_fmt + " %2.12f %10lld\n";

  out << format("%12s %14s %10s %14s\n\n", "Value", "Percentile", "TotalCount", "1/(1-Percentile)");

  const std::int64_t total = h.total_count();
  if (total > 0) {
    double level = 0.0;
    std::int64_t cumulative = 0;
    std::int32_t last_nonzero = 0;
    for (std::int32_t i = 0; i < h.counts_len(); ++i) {
      if (h.count_at_index(i) != 0) {
        last_nonzero = i;
      }
    }
    for (std::int32_t i = 0; i <= last_nonzero; ++i) {
      const std::int64_t count = h.count_at_index(i);
      if (count == 0) {
        continue;
      }
      cumulative += count;
      const double reached = 100.0 * static_cast<double>(cumulative) / static_cast<double>(total);
      const double value =
          static_cast<double>(h.highest_equivalent(h.value_at_index(i))) / value_scale;
      // One counter may cross several levels: each is reported with the same value. Like
      // HdrHistogram, the last counter reports one level and then the 100% line.
      while (level <= reached) {
        out << format(line_fmt.c_str(), value, level / 100.0, static_cast<long long>(cumulative),
                      1.0 / (1.0 - level / 100.0));
        level = next_level(level, ticks_per_half_distance);
        if (cumulative == total) {
          break;
        }
      }
    }
    const double last_value =
        static_cast<double>(h.highest_equivalent(h.value_at_index(last_nonzero))) / value_scale;
    out << format(last_line_fmt.c_str(), last_value, 1.0, static_cast<long long>(total));
  }

  const std::string stat_fmt = "#[Mean    = %12." + std::to_string(digits) +
                               "f, StdDeviation   = %12." + std::to_string(digits) + "f]\n";
  const std::string max_fmt =
      "#[Max     = %12." + std::to_string(digits) + "f, Total count    = %12lld]\n";
  out << format(stat_fmt.c_str(), h.mean() / value_scale, h.stddev() / value_scale);
  out << format(max_fmt.c_str(), static_cast<double>(h.max()) / value_scale,
                static_cast<long long>(total));
  out << format("#[Buckets = %12d, SubBuckets     = %12d]\n", h.bucket_count(),
                h.sub_bucket_count());
}

}  // namespace archbench::loadgen
