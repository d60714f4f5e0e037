// The backends the micro-benchmarks run, in one table: adding a backend is one line in
// backends.cpp (and its service library in CMakeLists.txt).
#pragma once

#include <memory>
#include <span>
#include <string_view>

#include "common/ledger/service.hpp"

namespace archbench::micro {

struct Backend {
  std::string_view name;                       // in benchmark names: "transfer/hexagonal-memory"
  std::unique_ptr<ledger::Service> (*make)();  // a fresh, empty ledger
};

// Every backend; the first is the baseline, the reference the others' answers must equal.
[[nodiscard]] std::span<const Backend> backends() noexcept;

}  // namespace archbench::micro
