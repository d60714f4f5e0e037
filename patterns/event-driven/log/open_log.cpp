#include "event-driven/log/open_log.hpp"

#include <stdexcept>
#include <string>

#include "event-driven/log/memory_log.hpp"
#include "event-driven/log/nats_log.hpp"

namespace archbench::event_driven {

std::unique_ptr<EventLog> open_log(std::string_view spec, FsyncPolicy fsync) {
  if (spec == "memory") return std::make_unique<MemoryLog>();
  if (spec.starts_with("file:") && spec.size() > 5) {
    return std::make_unique<FileLog>(
        FileLogOptions{.dir = std::string(spec.substr(5)), .fsync = fsync});
  }
  if (spec.starts_with("nats://"))
    return std::make_unique<NatsLog>(NatsLogOptions{.url = std::string(spec)});
  throw std::invalid_argument("--log must be memory, file:DIR or nats://HOST:PORT, not '" +
                              std::string(spec) + "'");
}

}  // namespace archbench::event_driven
