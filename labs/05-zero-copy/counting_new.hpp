// Lab 05, given: every allocation in this program, counted.
//
// allocations() is the count so far, from every thread. It is the project's own counter
// (patterns/common/testing/counting_allocator.hpp, linked into the lab's tests and tools): it
// replaces the global operator new and delete, every form, and (outside AddressSanitizer, whose
// runtime owns malloc) malloc, calloc and realloc too.
//
// Why operator new counts: it is what C++ code allocates through (std::string, std::vector,
// nlohmann::json, simdjson's parser), so a std::string built per answer is seen in every
// build, the sanitized debug build of `scripts/lab check` included.
#pragma once

#include "common/testing/counting_allocator.hpp"

namespace archbench::lab05 {

using alloc::allocations;

}  // namespace archbench::lab05
