// Writes a run's files: PREFIX.json (the result, see RESULT_SCHEMA.md) and the .hgrm percentile
// distributions (PREFIX.hgrm for all requests, PREFIX.uncorrected.hgrm, PREFIX.<endpoint>.hgrm),
// values in milliseconds as HdrHistogram's plotter expects.
#pragma once

#include <string>
#include <vector>

#include "loadgen/benchmark_run.hpp"

namespace archbench::loadgen {

// "DIR/<backend>_<workload>_<mode>_c<connections>_<UTC time>": the prefix --out DIR uses.
std::string default_prefix(const std::string& dir, const RunReport& report);

// Creates the prefix's folder if needed; returns the paths written. Throws std::runtime_error
// when a file cannot be written.
std::vector<std::string> write_outputs(const RunReport& report, const std::string& prefix);

}  // namespace archbench::loadgen
