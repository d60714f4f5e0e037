// How a history line is stored as one Redis list element: its fields in a fixed order, each
// string as "<length>:<bytes>", so any byte (a memo may hold anything) round-trips exactly.
#pragma once

#include <string>
#include <string_view>

#include "hexagonal/domain/transaction.hpp"

namespace archbench::hexagonal::adapters::redis {

[[nodiscard]] std::string encode(const domain::Transaction& line);
// Throws std::runtime_error on bytes that encode() did not write.
[[nodiscard]] domain::Transaction decode_transaction(std::string_view bytes);

}  // namespace archbench::hexagonal::adapters::redis
