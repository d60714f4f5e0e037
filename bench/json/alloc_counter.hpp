// Allocations made so far by this process (alloc_counter.cpp replaces operator new).
#pragma once

namespace archbench::json_bench {
[[nodiscard]] long allocations();
}  // namespace archbench::json_bench
