#include "event-driven/log/open_log.hpp"

#include <stdexcept>
#include <string>

#include "event-driven/log/memory_log.hpp"

namespace archbench::event_driven {

std::unique_ptr<EventLog> open_log(std::string_view spec, FsyncPolicy fsync) {
  if (spec == "memory") return std::make_unique<MemoryLog>();
  if (spec.starts_with("file:") && spec.size() > 5) {
    return std::make_unique<FileLog>(
        FileLogOptions{.dir = std::string(spec.substr(5)), .fsync = fsync});
  }
  throw std::invalid_argument("--log must be memory or file:DIR, not '" + std::string(spec) + "'");
}

}  // namespace archbench::event_driven
