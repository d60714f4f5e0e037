// Every allocation of this process, counted: counting_allocator.cpp replaces the global
// operator new (every form) and, where the build allows, malloc, calloc and realloc. A program
// that links the object library archbench_counting_allocator (its objects, not a static
// library, which would not be searched for malloc) counts what every thread, library and the
// C runtime allocate. One counter for the whole project: bench/alloc, bench/json, the
// zero-copy backend's tests and lab 05 all count with it.
#pragma once

#include <cstdint>

namespace archbench::alloc {

// Allocations so far, from every thread.
[[nodiscard]] std::uint64_t allocations() noexcept;

// Whether malloc and friends are counted too. Not under AddressSanitizer or ThreadSanitizer,
// whose runtimes own malloc: there only operator new is counted, which is what C++ code
// (the standard library, Asio, simdjson, the backends) allocates through.
[[nodiscard]] bool counts_malloc() noexcept;

}  // namespace archbench::alloc
