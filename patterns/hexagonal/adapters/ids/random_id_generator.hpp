// Random ids (--ids random): the kind, as the baseline names it ("acc-", "dep-", "tr-"), and
// 96 random bits in hex: "tr-5f0c9e2a41d7b3c86e1f0a92". They need no coordination between
// threads, processes or restarts, so several backends may write to one store, which the
// default sequential ids do not allow. Their price: 28 bytes do not fit std::string's short-string
// buffer, so every copy allocates (docs/instructions-per-request.md).
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
