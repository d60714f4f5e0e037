// The port that names new things. Production injects random ids (adapters/ids); tests inject
// sequential ones, so that their expectations can spell ids out.
#pragma once

#include <string>

namespace archbench::hexagonal::ports {

enum class IdKind { account, deposit, transfer };

class IdGenerator {
 public:
  IdGenerator() = default;
  virtual ~IdGenerator() = default;
  IdGenerator(const IdGenerator&) = delete;
  IdGenerator& operator=(const IdGenerator&) = delete;

  // A fresh id, URL-safe ([A-Za-z0-9_-]+), never returned before. Called from many threads.
  [[nodiscard]] virtual std::string next_id(IdKind kind) = 0;
};

}  // namespace archbench::hexagonal::ports
