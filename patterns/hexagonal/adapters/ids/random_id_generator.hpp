// Production ids (--ids random, the default): the kind, as the baseline names it ("acc-",
// "dep-", "tr-"), and 96 random bits in hex: "tr-5f0c9e2a41d7b3c86e1f0a92". Random ids need no
// coordination between threads, processes or restarts of a persistent store, which a counter
// would. Their price: 28 bytes do not fit std::string's short-string buffer, so every copy
// allocates (docs/instructions-per-request.md).
#pragma once

#include <string>
#include <string_view>

#include "hexagonal/ports/id_generator.hpp"

namespace archbench::hexagonal::adapters {

class RandomIdGenerator final : public ports::IdGenerator {
 public:
  [[nodiscard]] std::string next_id(ports::IdKind kind) override;
};

}  // namespace archbench::hexagonal::adapters
