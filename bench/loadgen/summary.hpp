// The human-readable summary printed on stdout after a run: the verdict first and loudly
// (FAILED, CLIENT-BOUND, RATE NOT ACHIEVED), then the figures.
#pragma once

#include <iosfwd>

#include "loadgen/benchmark_run.hpp"

namespace archbench::loadgen {

void print_summary(std::ostream& out, const RunReport& report);

}  // namespace archbench::loadgen
