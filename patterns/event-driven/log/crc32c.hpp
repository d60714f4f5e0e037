// CRC-32C (Castagnoli), the checksum of every record in the file log: it catches torn writes
// and flipped bits that a length prefix alone would take for data. Uses the SSE4.2 crc32
// instruction when the CPU has it (8 bytes per instruction), a table otherwise.
#pragma once

#include <cstdint>
#include <string_view>

namespace archbench::event_driven {

// crc32c(data) continues from `crc` (0 for a fresh checksum), so pieces can be chained:
// crc32c(b, crc32c(a)) == crc32c(a + b).
[[nodiscard]] std::uint32_t crc32c(std::string_view data, std::uint32_t crc = 0) noexcept;

}  // namespace archbench::event_driven
