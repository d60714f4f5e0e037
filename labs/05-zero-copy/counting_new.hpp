// Lab 05, given: every allocation through operator new in this program, counted.
//
// allocations() is the count so far, from every thread. Exactly one .cpp of a program defines
// LAB05_DEFINE_COUNTING_NEW before including this header: that one replaces the global operator
// new and delete (every form) with ones that count and take their memory from malloc.
//
// Why operator new and not malloc: it is what C++ code allocates through (std::string,
// std::vector, nlohmann::json, simdjson's parser), and replacing it works under
// AddressSanitizer (the debug preset's build), whose runtime owns malloc. bench/alloc counts
// malloc too where the build allows; a handler that calls malloc itself would escape this one.
#pragma once

#include <atomic>
#include <cstdint>

namespace archbench::lab05 {

inline std::atomic<std::uint64_t> g_allocations{0};

[[nodiscard]] inline std::uint64_t allocations() noexcept {
  return g_allocations.load(std::memory_order_relaxed);
}

}  // namespace archbench::lab05

#ifdef LAB05_DEFINE_COUNTING_NEW
#include <cstddef>
#include <cstdlib>
#include <new>

namespace archbench::lab05::detail {
inline void* counted(std::size_t size) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}
inline void* counted(std::size_t size, std::align_val_t align) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  const auto a = static_cast<std::size_t>(align);
  return std::aligned_alloc(a, (size + a - 1) / a * a);  // freed by free()
}
}  // namespace archbench::lab05::detail

void* operator new(std::size_t size) {
  if (void* p = archbench::lab05::detail::counted(size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return archbench::lab05::detail::counted(size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return archbench::lab05::detail::counted(size);
}
void* operator new(std::size_t size, std::align_val_t align) {
  if (void* p = archbench::lab05::detail::counted(size, align)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size, std::align_val_t align) { return operator new(size, align); }
void* operator new(std::size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  return archbench::lab05::detail::counted(size, align);
}
void* operator new[](std::size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  return archbench::lab05::detail::counted(size, align);
}
// They free what the operators above got from malloc; g++ cannot see that the pair matches.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
#pragma GCC diagnostic pop
#endif  // LAB05_DEFINE_COUNTING_NEW
