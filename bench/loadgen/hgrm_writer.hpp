// Writes a Histogram as HdrHistogram's "percentile distribution" text (.hgrm), byte-for-byte the
// layout of HdrHistogram's outputPercentileDistribution, so that existing HdrHistogram plotters
// (and wrk2 users' scripts) read archbench's results.
#pragma once

#include <iosfwd>

#include "loadgen/hdr_histogram.hpp"

namespace archbench::loadgen {

// value_scale divides every value on output: archbench records nanoseconds and writes
// milliseconds (value_scale 1e6), the unit HdrHistogram's plotter labels its axis with.
// ticks_per_half_distance is HdrHistogram's default 5: five lines per halving of the tail.
void write_percentile_distribution(std::ostream& out, const Histogram& histogram,
                                   double value_scale, int ticks_per_half_distance = 5);

}  // namespace archbench::loadgen
