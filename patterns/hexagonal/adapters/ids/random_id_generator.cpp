#include "hexagonal/adapters/ids/random_id_generator.hpp"

#include <array>
#include <cstdint>
#include <random>

namespace archbench::hexagonal::adapters {
namespace {

// One engine per thread: no lock, and no two threads share a sequence because each is seeded
// with 256 bits from the operating system.
std::mt19937_64& engine() {
  thread_local std::mt19937_64 engine = [] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device(),
                       device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }();
  return engine;
}

std::string_view prefix(ports::IdKind kind) {
  switch (kind) {
    case ports::IdKind::account:
      return "acc-";
    case ports::IdKind::deposit:
      return "dep-";
    case ports::IdKind::transfer:
      return "tr-";
  }
  return "id-";
}

void append_hex(std::string& out, std::uint64_t bits, int digits) {
  static constexpr std::array<char, 16> kHex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
    out += kHex[(bits >> shift) & 0xF];
  }
}

}  // namespace

std::string RandomIdGenerator::next_id(ports::IdKind kind) {
  std::string id;
  id.reserve(28);
  id += prefix(kind);
  append_hex(id, engine()(), 16);
  append_hex(id, engine()(), 8);  // 64 + 32 = 96 bits
  return id;
}

}  // namespace archbench::hexagonal::adapters
