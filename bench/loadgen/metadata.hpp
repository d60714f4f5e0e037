// The environment of a run, written into every result file (google/benchmark's habit: a number
// without its machine, build and commit is not a result): git commit, build, compiler, CPU,
// cores, kernel, the CPUs each side was pinned to, date.
#pragma once

#include <sys/types.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace archbench::loadgen {

nlohmann::json collect_metadata(const std::string& backend_name, std::optional<pid_t> server_pid);

// Now, as ISO-8601 UTC with seconds: "2024-05-01T12:34:56Z".
std::string utc_timestamp();

}  // namespace archbench::loadgen
