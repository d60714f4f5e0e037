// The counting allocator (see the header). operator new counts one allocation and takes its
// memory from glibc's own malloc (__libc_malloc) when malloc itself is replaced, so that one
// `new` is not counted twice; malloc, calloc and realloc count one each and forward to glibc's.
// glibc documents this replacement ("Replacing malloc": malloc, free, calloc and realloc
// together); memalign and friends are left to glibc, whose blocks our free() frees correctly
// since it is glibc's free.
#include "common/testing/counting_allocator.hpp"

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define ARCHBENCH_COUNT_MALLOC 0
#else
#define ARCHBENCH_COUNT_MALLOC 1
#endif

namespace {
std::atomic<std::uint64_t> g_allocations{0};

void count() noexcept { g_allocations.fetch_add(1, std::memory_order_relaxed); }
}  // namespace

#if ARCHBENCH_COUNT_MALLOC
extern "C" {
void* __libc_malloc(std::size_t size);  // NOLINT(bugprone-reserved-identifier): glibc's
void* __libc_calloc(std::size_t count, std::size_t size);  // NOLINT(bugprone-reserved-identifier)
void* __libc_realloc(void* p, std::size_t size);           // NOLINT(bugprone-reserved-identifier)
void __libc_free(void* p);                                 // NOLINT(bugprone-reserved-identifier)

// The parameters are named as glibc's declarations name them, less their underscores.
void* malloc(std::size_t size) {
  count();
  return __libc_malloc(size);
}
void* calloc(std::size_t nmemb, std::size_t size) {
  count();
  return __libc_calloc(nmemb, size);
}
void* realloc(void* ptr, std::size_t size) {
  count();
  return __libc_realloc(ptr, size);
}
void free(void* ptr) { __libc_free(ptr); }
}

namespace {
void* raw_allocate(std::size_t size) noexcept { return __libc_malloc(size == 0 ? 1 : size); }
void raw_free(void* p) noexcept { __libc_free(p); }
}  // namespace
#else
namespace {
void* raw_allocate(std::size_t size) noexcept { return std::malloc(size == 0 ? 1 : size); }
void raw_free(void* p) noexcept { std::free(p); }
}  // namespace
#endif

namespace {
void* counted(std::size_t size) noexcept {
  count();
  return raw_allocate(size);
}
void* counted(std::size_t size, std::align_val_t align) noexcept {
  count();
  const auto a = static_cast<std::size_t>(align);
  return std::aligned_alloc(a, (size + a - 1) / a * a);  // glibc's, freed by free()
}
}  // namespace

std::uint64_t archbench::alloc::allocations() noexcept {
  return g_allocations.load(std::memory_order_relaxed);
}
bool archbench::alloc::counts_malloc() noexcept { return ARCHBENCH_COUNT_MALLOC != 0; }

void* operator new(std::size_t size) {
  if (void* p = counted(size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return counted(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return counted(size); }
void* operator new(std::size_t size, std::align_val_t align) {
  if (void* p = counted(size, align)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size, std::align_val_t align) { return operator new(size, align); }
void* operator new(std::size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  return counted(size, align);
}
void* operator new[](std::size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  return counted(size, align);
}
// They free what the operators above got from malloc; g++ cannot see that the pair matches.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* p) noexcept { raw_free(p); }
void operator delete[](void* p) noexcept { raw_free(p); }
void operator delete(void* p, std::size_t) noexcept { raw_free(p); }
void operator delete[](void* p, std::size_t) noexcept { raw_free(p); }
void operator delete(void* p, std::align_val_t) noexcept { raw_free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { raw_free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { raw_free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { raw_free(p); }
#pragma GCC diagnostic pop
