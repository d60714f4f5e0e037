// CRC-32C against its published check value and known vectors (RFC 3720, B.4), in one piece
// and chained, so the hardware and table paths are both held to the same answers.
#include "event-driven/log/crc32c.hpp"

#include <gtest/gtest.h>

#include <string>

namespace archbench::event_driven {
namespace {

TEST(Crc32c, CheckValue) { EXPECT_EQ(crc32c("123456789"), 0xE3069283U); }

TEST(Crc32c, Rfc3720Vectors) {
  EXPECT_EQ(crc32c(std::string(32, '\0')), 0x8A9136AAU);
  EXPECT_EQ(crc32c(std::string(32, '\xff')), 0x62A8AB43U);
  std::string ascending;
  for (int i = 0; i < 32; ++i) ascending.push_back(static_cast<char>(i));
  EXPECT_EQ(crc32c(ascending), 0x46DD794EU);
}

TEST(Crc32c, ChainsAcrossPieces) {
  const std::string text = "the quick brown fox jumps over the lazy dog, twice over";
  for (std::size_t split = 0; split <= text.size(); ++split) {
    const std::string_view view(text);
    EXPECT_EQ(crc32c(view.substr(split), crc32c(view.substr(0, split))), crc32c(text)) << split;
  }
}

}  // namespace
}  // namespace archbench::event_driven
