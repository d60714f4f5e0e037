// The result file: a RunReport as versioned JSON (documented field by field in RESULT_SCHEMA.md
// and checked against result_schema.json by the tests), and the lossless JSON form of a
// Histogram that it embeds.
#pragma once

#include <nlohmann/json.hpp>

#include "loadgen/benchmark_run.hpp"
#include "loadgen/hdr_histogram.hpp"

namespace archbench::loadgen {

// Bump on any change a reader of the file could notice; RESULT_SCHEMA.md lists the versions.
inline constexpr int kResultSchemaVersion = 1;

// {"unit":"ns", "lowest_discernible_value":1, "highest_trackable_value":1e11,
//  "significant_figures":3, "total_count":N, "min":..., "max":..., "clamped_count":0,
//  "counts":[[index,count],...]}: the non-zero counters, enough to rebuild it exactly.
nlohmann::json histogram_to_json(const Histogram& h);
// Throws std::runtime_error (or nlohmann's exceptions) on a malformed object.
Histogram histogram_from_json(const nlohmann::json& j);

// count, min/mean/stddev/p50/p90/p99/p99.9/p99.99/max in microseconds (null when empty), and
// censored_count + lower_bounds: how many of the values are censored (recorded at a lower bound;
// `censored_ns` holds them, and they are included in `h_ns`) and the names of the fields that
// are therefore only lower bounds.
nlohmann::json latency_summary(const Histogram& h_ns, const Histogram* censored_ns = nullptr);

nlohmann::json result_to_json(const RunReport& report);

}  // namespace archbench::loadgen
